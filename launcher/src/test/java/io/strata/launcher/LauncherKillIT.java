package io.strata.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.launcher.generate.EventGenerator;
import io.strata.launcher.generate.GeneratedRecord;
import io.strata.launcher.generate.GeneratorConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher process is killed with SIGKILL mid-run and started again on the same data directory:
 * the lake and the hot log hold every event exactly once, every view (embedded store, read through the
 * lookup API) equals the reference fold, and a reader polling views through the kill and the restart
 * never saw a revision go back.
 */
class LauncherKillIT {
  @TempDir Path dataDir;
  @TempDir Path logs;

  @Test
  void aKilledLauncherResumesFromItsLastCheckpointWithNothingLostOrDoubled() throws Exception {
    // Event times over the last 3 days: within the counters' allowed lateness, so none is late.
    EventGenerator generator =
        new EventGenerator(
            new GeneratorConfig(PipelineExactlyOnceIT.EVENTS, 0.05, 0.01, 5, 200, Instant.now().minus(Duration.ofDays(3)),
                Duration.ofDays(3), 3));
    List<GeneratedRecord> records = PipelineExactlyOnceIT.drain(generator);
    List<ReferenceViews.Expected> views = ReferenceViews.of(records).views();
    Map<String, String> invalid = PipelineAssertions.collectInvalid(records);
    Map<String, String> settings = TestStacks.settings(dataDir);
    // Maintenance compacts and expires snapshots beside the tier job all along, through the kill too.
    Path policies = Files.createDirectories(logs.resolve("policies"));
    Files.writeString(policies.resolve("eager.yaml"), """
        name: eager
        table: strata.events
        hot-log-retention: 7d
        compaction:
          after: 0s
          target-file-size: 1mb
          max-files-per-partition: 2
          sort-order: [tenant_id, entity_id, event_time]
        snapshots:
          keep: 1m
          min-count: 3
        orphan-files:
          min-age: 1h
        """);
    settings.put("strata.maintenance.policies-dir", policies.toString());
    settings.put("strata.maintenance.interval", "5s");
    settings.put("strata.maintenance.orphans-every", "20s");
    String bootstrap = "127.0.0.1:" + settings.get("strata.kafka.port");
    URI catalog = URI.create("http://127.0.0.1:" + settings.get("strata.catalog.port"));
    Path errors = logs.resolve("launcher.log");
    ApiViews api = new ApiViews(Integer.parseInt(settings.get("strata.views.port")));

    try (MonotonicReader reader = MonotonicReader.start(api::revision, views, 50)) {
      killMidRunAndRestart(generator, records, invalid, settings, bootstrap, catalog, errors, api, views, reader);
    }
  }

  private static void killMidRunAndRestart(
      EventGenerator generator, List<GeneratedRecord> records, Map<String, String> invalid, Map<String, String> settings,
      String bootstrap, URI catalog, Path errors, ApiViews api, List<ReferenceViews.Expected> views, MonotonicReader reader)
      throws Exception {
    long readsBeforeKill;
    try (LauncherProcess first = LauncherProcess.start(settings, errors)) {
      first.awaitReady(Duration.ofMinutes(3));
      BackgroundSend send = BackgroundSend.start(records, bootstrap, 20_000);
      send.await();
      try (LakeVerifier lake = new LakeVerifier(catalog)) {
        lake.awaitRows(1, Duration.ofMinutes(2));
        // The reader must have seen views before the kill: with four jobs on two cores the views job's
        // first writes can come a few seconds after the lake's first commit.
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() -> reader.reads() > 0);
        assertThat(lake.committedRows()).as("kill must hit mid-run").isLessThan(generator.checksum().count());
      }
      readsBeforeKill = reader.reads();
      first.kill();
    }

    try (LauncherProcess second = LauncherProcess.start(settings, errors)) {
      assertThat(second.awaitReady(Duration.ofMinutes(3))).startsWith("Strata is ready");
      try {
        PipelineAssertions.assertExactlyOnce(generator, invalid, bootstrap, catalog);
      } catch (AssertionError e) {
        // What the restarted stack said is the only record of why it fell short: its data directory
        // and output go with the test.
        second.printOutputTail("restarted launcher", 300);
        throw e;
      }
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
          .untilAsserted(() -> assertThat(api.differences(views)).as("views that differ from the reference fold").isEmpty());
      assertThat(maintenanceRuns(catalog)).as("maintenance actions, by outcome")
          .containsKey("compact succeeded").doesNotContainKey("compact failed");
      reader.close();
      assertThat(readsBeforeKill).as("views the reader saw before the kill").isPositive();
      assertThat(reader.reads()).as("views the reader saw, in all").isGreaterThan(readsBeforeKill);
      assertThat(reader.wentBack()).as("revisions that went back").isEmpty();
    }
  }

  /** The runs table's actions counted by action and outcome. */
  private static Map<String, Long> maintenanceRuns(URI catalog) throws Exception {
    Map<String, Long> out = new java.util.TreeMap<>();
    try (org.apache.iceberg.rest.RESTCatalog rest = new org.apache.iceberg.rest.RESTCatalog()) {
      rest.initialize("it", new java.util.HashMap<>(Map.of("uri", catalog.toString())));
      try (var rows = org.apache.iceberg.data.IcebergGenerics.read(io.strata.tiering.lake.RunLog.table(rest)).build()) {
        rows.forEach(r -> out.merge(r.getField("action") + " " + r.getField("outcome"), 1L, Long::sum));
      }
    }
    return out;
  }
}
