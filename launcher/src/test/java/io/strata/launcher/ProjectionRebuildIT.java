package io.strata.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.launcher.generate.EventGenerator;
import io.strata.launcher.generate.GeneratedRecord;
import io.strata.launcher.generate.GeneratorConfig;
import io.strata.launcher.generate.GeneratorRun;
import io.strata.launcher.stack.StackConfig;
import io.strata.launcher.stack.StrataStack;
import io.strata.views.store.ViewAddress;
import io.strata.views.store.ViewStore;
import io.strata.views.store.ViewStores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A projection rebuilt with changed logic while ingest goes on, through {@code strata projections
 * rebuild} as an operator runs it: version 1 (a timeline of 20 events of every type) serves until version 2
 * (5 events, {@code order.*} only) has been built from the lake's history and the hot log after it and
 * has caught up; then lookups switch to version 2. Readers polling through the switch see every request
 * answered, version 1 and then only version 2. Afterwards every view of version 2 equals a reference fold
 * of version 2's logic over all the events sent, before and during the rebuild, and version 1's views
 * are gone from the store.
 */
class ProjectionRebuildIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NAME = "entity-timeline";
  private static final String V1 = "name: " + NAME + "\nversion: 1\nkey: entity\nfold: timeline\nparameters: {limit: 20}\nttl: 7d\n";
  private static final String V2 =
      "name: " + NAME + "\nversion: 2\ndescription: the last 5 order events\nkey: entity\nevent-types: [order.placed, order.shipped]\n"
          + "fold: timeline\nparameters: {limit: 5}\nttl: 7d\n";
  private static final String ADMIN = "rebuild-it-admin-token";

  @TempDir Path dataDir;
  @TempDir Path projections;

  @Test
  void versionOneServesUntilVersionTwoHasCaughtUpThenVersionTwoEqualsItsReferenceFold() throws Exception {
    Files.writeString(projections.resolve(NAME + ".yaml"), V1);
    EventGenerator generator =
        new EventGenerator(
            new GeneratorConfig(60_000, 0.05, 0.01, 3, 40, Instant.now().minus(Duration.ofDays(3)), Duration.ofDays(3), System.nanoTime()),
            false);
    List<GeneratedRecord> records = new ArrayList<>();
    generator.forEachRemaining(records::add);
    List<GeneratedRecord> history = records.subList(0, 30_000);
    List<GeneratedRecord> during = records.subList(30_000, records.size());
    List<ReferenceViews.Expected> v1 = ReferenceViews.timeline(history, NAME, 20, Set.of());
    List<ReferenceViews.Expected> v2 = ReferenceViews.timeline(records, NAME, 5, Set.of("order.placed", "order.shipped"));

    Map<String, String> settings = TestStacks.settings(dataDir);
    settings.put("strata.views.projections-dir", projections.toString());
    settings.put("strata.views.admin-token", ADMIN);
    settings.put("strata.maintenance.enabled", "false");
    try (StrataStack stack = StrataStack.start(StackConfig.from(settings))) {
      ApiViews api = new ApiViews(stack.config().viewsPort());
      GeneratorRun.send(history.iterator(), stack.kafkaBootstrap(), "events.raw", 0);
      // Version 1 holds the first half, and so does the lake, which version 2 is built from.
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
          .untilAsserted(() -> assertThat(api.differences(v1)).as("version 1 against its reference").isEmpty());
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
          .until(() -> PipelineExactlyOnceIT.scrape(stack.config().metricsPort())
              .getOrDefault("strata_lake_committed_records_total{job=\"tier\"}", 0.0) >= history.stream()
              .filter(r -> r.kind() == GeneratedRecord.Kind.VALID).count());

      List<ReferenceViews.Expected> sample = new ArrayList<>();
      for (int i = 0; i < v2.size(); i += 10) {
        sample.add(v2.get(i));
      }
      try (SwitchReader reader = new SwitchReader(api, sample)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> reader.reads.get() > 100);
        BackgroundSend load = BackgroundSend.start(during, stack.kafkaBootstrap(), 1_500);
        Files.writeString(projections.resolve(NAME + ".yaml"), V2);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        CompletableFuture<Integer> rebuild = CompletableFuture.supplyAsync(() -> cli(progress,
            "projections", "rebuild", NAME, "--api", "http://127.0.0.1:" + stack.config().viewsPort(), "--admin-token", ADMIN));
        assertThat(rebuild.get(4, java.util.concurrent.TimeUnit.MINUTES)).as("strata projections rebuild's exit code; it said:\n" + progress)
            .isZero();
        assertThat(progress.toString()).contains("rebuilding " + NAME + " as version 2").contains(NAME + " version 2 is live");
        load.await();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
            .untilAsserted(() -> assertThat(api.differences(v2)).as("version 2 against its reference").isEmpty());
        reader.close();
        assertThat(reader.failures).as("lookups that failed during the rebuild").isEmpty();
        assertThat(reader.versionOneAfterTwo).as("version 1 answers after version 2 had answered").isZero();
        assertThat(reader.byVersion.getOrDefault(1, 0)).as("lookups version 1 answered").isPositive();
        assertThat(reader.byVersion.getOrDefault(2, 0)).as("lookups version 2 answered").isPositive();
      }

      // Version 1 is retired a moment after the switch, once no lookup reads it any more.
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
          JSON.readTree(get(stack, "/v1/projections/" + NAME).body()).at("/versions/1/state").asText().equals("retired"));
      JsonNode status = JSON.readTree(get(stack, "/v1/projections/" + NAME).body());
      assertThat(status.get("live_version").asInt()).isEqualTo(2);
      assertThat(status.at("/versions/2/history_events").asLong()).as("order events in the lake when the build began").isPositive();
      try (ViewStore store = ViewStores.open(stack.config().views().store())) {
        long left = v1.stream()
            .filter(e -> store.get(new ViewAddress(NAME, 1, e.tenant(), e.key())).isPresent())
            .count();
        assertThat(left).as("version 1 views left in the store").isZero();
      }
      Map<String, Double> metrics = PipelineExactlyOnceIT.scrape(stack.config().metricsPort());
      assertThat(metrics).containsEntry("strata_job_restarts{job=\"views-" + NAME + "-v2\"}", 0.0);
    }
  }

  private static int cli(ByteArrayOutputStream output, String... args) {
    PrintStream err = new PrintStream(output, true, java.nio.charset.StandardCharsets.UTF_8);
    PrintStream before = System.err;
    System.setErr(err);
    try {
      return new CommandLine(new StrataCli()).execute(args);
    } finally {
      System.setErr(before);
    }
  }

  private static HttpResponse<String> get(StrataStack stack, String path) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.config().viewsPort() + path))
            .header("Authorization", "Bearer " + ADMIN).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Polls a sample of views (keys both versions have) as a service would: every request must be answered
   * (200, or 404 for a key a version does not hold yet), and once version 2 has answered, version 1 never
   * again.
   */
  private static final class SwitchReader implements AutoCloseable {
    final AtomicInteger reads = new AtomicInteger();
    final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    final Map<Integer, Integer> byVersion = new ConcurrentHashMap<>();
    volatile int versionOneAfterTwo;
    private final Thread thread;
    private volatile boolean stop;

    SwitchReader(ApiViews api, List<ReferenceViews.Expected> sample) {
      thread = new Thread(() -> {
        boolean sawTwo = false;
        while (!stop) {
          for (ReferenceViews.Expected e : sample) {
            try {
              Optional<ApiViews.Answer> answer = api.get(e);
              reads.incrementAndGet();
              if (answer.isPresent()) {
                int version = answer.get().version();
                byVersion.merge(version, 1, Integer::sum);
                sawTwo |= version == 2;
                if (sawTwo && version == 1) {
                  versionOneAfterTwo++;
                }
              }
            } catch (Exception ex) {
              failures.add(e.tenant() + "/" + e.key() + ": " + ex.getMessage());
            }
          }
        }
      }, "switch-reader");
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      stop = true;
      thread.join();
    }
  }
}
