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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped projections after a generated load (resent duplicates and invalid records mixed in):
 * every view of every projection equals a reference fold computed here from the generator's unique
 * valid events, on the embedded store and on Redis.
 */
class ViewsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long RECORDS = 60_000;

  @TempDir Path dataDir;

  @Test
  void everyViewEqualsTheReferenceFoldOnTheEmbeddedStore() throws Exception {
    runAndCompare(Map.of());
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

    Map<String, String> settings = TestStacks.settings(dataDir);
    settings.putAll(overrides);
    try (StrataStack stack = StrataStack.start(StackConfig.from(settings));
        ViewStore store = ViewStores.open(stack.config().views().store())) {
      GeneratorRun.send(records.iterator(), stack.kafkaBootstrap(), "events.raw", 0);
      awaitRevisions(store, reference, Duration.ofMinutes(3));
      for (ReferenceViews.Expected expected : reference.views()) {
        StoredView view = read(store, expected).orElseThrow(() -> new AssertionError("no view for " + expected));
        assertThat(JSON.readTree(new String(view.document(), UTF_8)))
            .as(expected.projection() + " " + expected.tenant() + "/" + expected.key())
            .isEqualTo(expected.document());
        assertThat(view.revision()).isEqualTo(expected.revision());
      }
    }
  }

  private static Optional<StoredView> read(ViewStore store, ReferenceViews.Expected e) {
    return store.get(new ViewAddress(e.projection(), 1, e.tenant(), e.key()));
  }

  /** Until every view holds as many events as the reference says (its revision), or the time is up. */
  private static void awaitRevisions(ViewStore store, ReferenceViews reference, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long behind = reference.views().stream().filter(e -> read(store, e).map(v -> v.revision() < e.revision()).orElse(true)).count();
      if (behind == 0) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(behind + " of " + reference.views().size() + " views still behind after " + timeout);
      }
      Thread.sleep(1000);
    }
  }

  static JsonNode json(byte[] bytes) throws Exception {
    return JSON.readTree(bytes);
  }
}
