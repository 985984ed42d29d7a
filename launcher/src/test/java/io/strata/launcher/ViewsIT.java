package io.strata.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.launcher.generate.EventGenerator;
import io.strata.launcher.generate.GeneratedRecord;
import io.strata.launcher.generate.GeneratorConfig;
import io.strata.launcher.generate.GeneratorRun;
import io.strata.launcher.stack.StackConfig;
import io.strata.launcher.stack.StrataStack;
import io.strata.views.store.StoredView;
import io.strata.views.store.ViewAddress;
import io.strata.views.store.ViewStore;
import io.strata.views.store.ViewStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped projections after a generated load (resent duplicates and invalid records mixed in):
 * every view of every projection equals a reference fold computed here from the generator's unique
 * valid events, on the embedded store and on Redis. On the embedded store a custom fold found on the
 * classpath ({@link FailOnceFold}) fails its task once in the middle of the run, and a reader polls
 * views all along: the views come out exact, and no revision the reader saw ever went back.
 */
class ViewsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long RECORDS = 60_000;
  private static final String FAILING = "entity-state-fail-once";

  @TempDir Path dataDir;
  @TempDir Path projections;

  @Test
  void everyViewEqualsTheReferenceFoldOnTheEmbeddedStoreThroughATaskFailure() throws Exception {
    Path shipped = Path.of(StackConfig.from(TestStacks.settings(dataDir)).views().projectionsDir());
    try (var files = Files.list(shipped)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Files.copy(file, projections.resolve(file.getFileName()));
      }
    }
    Files.writeString(projections.resolve(FAILING + ".yaml"),
        "name: " + FAILING + "\nversion: 1\ndescription: latest-state, but its task fails once\nkey: entity\n"
            + "fold: fail-once-latest-state\nparameters: {fail-at: 20000}\nttl: 7d\n");
    FailOnceFold.FOLDED.set(0);
    FailOnceFold.FAILED.set(false);
    runAndCompare(Map.of("strata.views.projections-dir", projections.toString()));
    assertThat(FailOnceFold.FAILED).as("the injected task failure happened").isTrue();
  }

  @Test
  void everyViewEqualsTheReferenceFoldOnRedis() throws Exception {
    String redis = System.getenv("STRATA_TEST_REDIS_URL");
    if (redis == null || redis.isBlank()) {
      System.err.println("ViewsIT on Redis skipped: STRATA_TEST_REDIS_URL is not set (e.g. redis://127.0.0.1:6379)");
    }
    assumeTrue(redis != null && !redis.isBlank(), "STRATA_TEST_REDIS_URL is not set");
    // The test Redis outlives runs: start from no views of the shipped projections.
    try (ViewStore store = ViewStores.open(redis)) {
      for (String projection : new String[] {"entity-state", "entity-timeline", "events-per-minute"}) {
        store.deleteVersion(projection, 1);
      }
    }
    runAndCompare(Map.of("strata.views.store", redis));
  }

  private void runAndCompare(Map<String, String> overrides) throws Exception {
    // Event times over 3 days: within the counters' 4 days of allowed lateness, so none is late.
    EventGenerator generator =
        new EventGenerator(
            new GeneratorConfig(RECORDS, 0.05, 0.01, 3, 40, Instant.now().minus(Duration.ofDays(3)), Duration.ofDays(3),
                System.nanoTime()),
            false);
    List<GeneratedRecord> records = new ArrayList<>();
    generator.forEachRemaining(records::add);
    ReferenceViews reference = ReferenceViews.of(records);
    List<ReferenceViews.Expected> expected = new ArrayList<>(reference.views());
    boolean failing = overrides.containsKey("strata.views.projections-dir");
    if (failing) {
      for (ReferenceViews.Expected e : reference.views()) {
        if (e.projection().equals("entity-state")) {
          expected.add(new ReferenceViews.Expected(FAILING, e.tenant(), e.key(), e.document(), e.revision()));
        }
      }
    }

    Map<String, String> settings = TestStacks.settings(dataDir);
    settings.putAll(overrides);
    try (StrataStack stack = StrataStack.start(StackConfig.from(settings));
        ViewStore store = ViewStores.open(stack.config().views().store());
        MonotonicReader reader =
            MonotonicReader.start(e -> read(store, e).map(v -> OptionalLong.of(v.revision())).orElse(OptionalLong.empty()), expected, 7)) {
      GeneratorRun.send(records.iterator(), stack.kafkaBootstrap(), "events.raw", 0);
      awaitRevisions(store, expected, Duration.ofMinutes(3));
      reader.close();
      assertThat(reader.reads()).as("views the reader saw").isGreaterThan(1_000);
      assertThat(reader.wentBack()).as("revisions that went back").isEmpty();
      for (ReferenceViews.Expected e : expected) {
        StoredView view = read(store, e).orElseThrow(() -> new AssertionError("no view for " + e));
        assertThat(JSON.readTree(new String(view.document(), UTF_8)))
            .as(e.projection() + " " + e.tenant() + "/" + e.key())
            .isEqualTo(e.document());
        assertThat(view.revision()).isEqualTo(e.revision());
      }
      // The injected failure restarted its projection's job once, as /metrics tells an operator; nothing else restarted.
      Map<String, Double> metrics = PipelineExactlyOnceIT.scrape(stack.config().metricsPort());
      assertThat(metrics)
          .containsEntry("strata_job_restarts{job=\"views-entity-state-v1\"}", 0.0)
          .containsEntry("strata_job_restarts{job=\"views-entity-timeline-v1\"}", 0.0)
          .containsEntry("strata_job_restarts{job=\"views-events-per-minute-v1\"}", 0.0)
          .containsEntry("strata_job_restarts{job=\"ingest\"}", 0.0)
          .containsEntry("strata_job_restarts{job=\"tier\"}", 0.0);
      if (failing) {
        assertThat(metrics).containsEntry("strata_job_restarts{job=\"views-" + FAILING + "-v1\"}", 1.0);
      }
    }
  }

  private static Optional<StoredView> read(ViewStore store, ReferenceViews.Expected e) {
    return store.get(new ViewAddress(e.projection(), 1, e.tenant(), e.key()));
  }

  /** Until every view holds as many events as the reference says (its revision), or the time is up. */
  private static void awaitRevisions(ViewStore store, List<ReferenceViews.Expected> expected, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long behind = expected.stream().filter(e -> read(store, e).map(v -> v.revision() < e.revision()).orElse(true)).count();
      if (behind == 0) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(behind + " of " + expected.size() + " views still behind after " + timeout);
      }
      Thread.sleep(1000);
    }
  }

  static JsonNode json(byte[] bytes) throws Exception {
    return JSON.readTree(bytes);
  }
}
