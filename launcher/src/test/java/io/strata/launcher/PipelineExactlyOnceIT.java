package io.strata.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.launcher.generate.EventGenerator;
import io.strata.launcher.generate.GeneratedRecord;
import io.strata.launcher.generate.GeneratorConfig;
import io.strata.launcher.generate.GeneratorRun;
import io.strata.launcher.stack.StackConfig;
import io.strata.launcher.stack.StrataStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200,000 generated events with 5% resent duplicates and 1% invalid go through the embedded stack; the
 * lake, the dead-letter topic and the hot log must hold exactly what the generator says.
 */
class PipelineExactlyOnceIT {
  static final long EVENTS = 200_000;

  @TempDir Path dataDir;

  /**
   * Where the generated event times start: 10 days back, over 5 days. Relative to today, so the stacks'
   * maintenance pass at start (the shipped policy: cold months 30 days after their end, expiry after 400
   * days) never finds these events cold or expired, whatever day the tests run.
   */
  static final Instant EVENT_TIMES_FROM = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(10)
      .atStartOfDay(java.time.ZoneOffset.UTC).toInstant();

  static EventGenerator generator(long seed) {
    return new EventGenerator(
        new GeneratorConfig(EVENTS, 0.05, 0.01, 5, 200, EVENT_TIMES_FROM, Duration.ofDays(5), seed));
  }

  static List<GeneratedRecord> drain(EventGenerator generator) {
    List<GeneratedRecord> records = new ArrayList<>();
    generator.forEachRemaining(records::add);
    return records;
  }

  /**
   * The write path's stack: the projections' jobs off (their exactness through a failure is ViewsIT's and
   * LauncherKillIT's), so that the two cores go to ingest and tier.
   */
  private Map<String, String> writePathSettings() {
    Map<String, String> settings = TestStacks.settings(dataDir);
    settings.put("strata.views.enabled", "false");
    return settings;
  }

  @Test
  void everyValidEventLandsOnceAndEveryInvalidOneIsDeadLettered() throws Exception {
    EventGenerator generator = generator(1);
    List<GeneratedRecord> records = drain(generator);
    Map<String, String> invalid = PipelineAssertions.collectInvalid(records);
    try (StrataStack stack = StrataStack.start(StackConfig.from(writePathSettings()))) {
      GeneratorRun.send(records.iterator(), stack.kafkaBootstrap(), "events.raw", 0);
      PipelineAssertions.assertExactlyOnce(generator, invalid, stack.kafkaBootstrap(), stack.catalogUri());

      // An operator's view of the same run: the counters equal the generator's counts, the lake
      // figures the table's own snapshots.
      Map<String, Double> metrics;
      Snapshot current;
      long snapshots;
      try (LakeVerifier lake = new LakeVerifier(stack.catalogUri())) {
        // An idle tier job still commits now and then (empty commits): take a scrape that no commit
        // overtook, the same current snapshot read before and after it.
        int attempt = 0;
        Table before;
        Table after;
        do {
          assertThat(++attempt).as("a scrape between two commits").isLessThanOrEqualTo(5);
          before = lake.table();
          metrics = scrape(stack.config().metricsPort());
          after = lake.table();
        } while (before.currentSnapshot().snapshotId() != after.currentSnapshot().snapshotId());
        current = after.currentSnapshot();
        snapshots = java.util.stream.StreamSupport.stream(after.snapshots().spliterator(), false).count();

        // What strata policy check reads of the table: every live file, by partition, with its commit time.
        Table settled = after;
        java.time.Instant firstCommit = java.time.Instant.ofEpochMilli(settled.history().get(0).timestampMillis());
        List<io.strata.tiering.PartitionFiles> partitions = io.strata.tiering.lake.LakeSnapshot.read(settled).partitions();
        assertThat(partitions.stream().mapToLong(io.strata.tiering.PartitionFiles::records).sum())
            .isEqualTo(generator.checksum().count());
        assertThat(partitions.stream().mapToInt(p -> p.files().size()).sum())
            .isEqualTo(Integer.parseInt(current.summary().get("total-data-files")));
        assertThat(partitions).allSatisfy(p -> {
          assertThat(p.eventType()).isIn("order.placed", "order.shipped", "user.signed_up", "page.viewed", "payment.failed");
          java.time.LocalDate first = java.time.LocalDate.ofInstant(EVENT_TIMES_FROM, java.time.ZoneOffset.UTC);
          assertThat(p.start()).isBetween(first, first.plusDays(5));
          assertThat(p.span()).isEqualTo(io.strata.tiering.PartitionFiles.Span.DAY);
          assertThat(p.files()).allSatisfy(f -> assertThat(f.committedAt())
              .isBetween(firstCommit, java.time.Instant.now()));
        });
      }
      long unique = generator.checksum().count();
      assertThat(metrics)
          .containsEntry("strata_ingest_events_ingested_total{job=\"ingest\"}", (double) unique)
          .containsEntry("strata_ingest_events_valid_total{job=\"ingest\"}", (double) (unique + generator.duplicates()))
          .containsEntry("strata_ingest_events_dead_lettered_total{job=\"ingest\"}", (double) generator.invalid())
          .containsEntry("strata_ingest_events_with_ignored_fields_total{job=\"ingest\"}", 0.0)
          .containsEntry("strata_ingest_duplicates_dropped_total{job=\"ingest\"}", (double) generator.duplicates())
          .containsEntry("strata_lake_committed_records_total{job=\"tier\"}", (double) unique)
          .containsEntry("strata_source_lag_records{job=\"tier\"}", 0.0)
          .containsKey("strata_lake_last_commit_duration_ms{job=\"tier\"}")
          .containsKey("strata_lake_committed_data_files_total{job=\"tier\"}")
          .containsEntry(
              "strata_lake_last_commit_data_files{job=\"tier\"}",
              Double.parseDouble(current.summary().getOrDefault("added-data-files", "0")))
          .containsEntry("strata_lake_commits{job=\"tier\"}", (double) snapshots)
          .containsKey("strata_lake_last_commit_records{job=\"tier\"}")
          .containsKey("strata_lake_data_files_per_commit{job=\"tier\"}");
      assertThat(snapshots).as("commits of the run").isGreaterThan(1);
      // The dedup state: RocksDB counts the ids it remembers (an estimate, exact without overwrites).
      assertThat(metrics.get("strata_state_keys{job=\"ingest\"}"))
          .as("remembered ids")
          .isCloseTo((double) unique, org.assertj.core.data.Percentage.withPercentage(5));
      assertThat(metrics.get("strata_state_sst_bytes{job=\"ingest\"}")).isNotNull();
      assertThat(metrics.get("strata_checkpoints_completed_total{job=\"ingest\"}")).isGreaterThan(0);
      assertThat(metrics.get("strata_checkpoint_last_full_size_bytes{job=\"ingest\"}")).isGreaterThan(0);
      assertThat(metrics).containsKey("strata_checkpoint_last_duration_ms{job=\"tier\"}");
    }
  }

  static Map<String, Double> scrape(int port) throws Exception {
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return io.strata.launcher.metrics.MetricsText.parse(response.body());
  }

  @Test
  void aTaskFailureMidRunRestartsFromACheckpointWithNothingLostOrDoubled() throws Exception {
    EventGenerator generator = generator(2);
    List<GeneratedRecord> records = drain(generator);
    Map<String, String> invalid = PipelineAssertions.collectInvalid(records);
    try (StrataStack stack = StrataStack.start(StackConfig.from(writePathSettings()))) {
      // Sent over about ten seconds, so that the failure lands while events are still flowing.
      BackgroundSend send = BackgroundSend.start(records, stack.kafkaBootstrap(), 20_000);
      try (LakeVerifier lake = new LakeVerifier(stack.catalogUri())) {
        lake.awaitRows(1, Duration.ofMinutes(2));
        assertThat(lake.committedRows()).as("failure must hit mid-run").isLessThan(generator.checksum().count());
      }
      // The task manager dies: every task of both jobs fails and restarts from the last checkpoint.
      stack.flink().cluster().terminateTaskManager(0).get();
      stack.flink().cluster().startTaskManager();
      send.await();
      PipelineAssertions.assertExactlyOnce(generator, invalid, stack.kafkaBootstrap(), stack.catalogUri());
    }
  }
}
