package io.strata.launcher.bench;

import static java.util.Objects.requireNonNull;

import io.strata.catalog.EventsTable;
import io.strata.catalog.RestClientProperties;
import io.strata.launcher.console.Progress;
import io.strata.launcher.generate.EventGenerator;
import io.strata.launcher.generate.GeneratorConfig;
import io.strata.launcher.generate.GeneratorRun;
import io.strata.launcher.stack.StrataStack;
import io.strata.tiering.PartitionFiles;
import io.strata.tiering.PolicyFiles;
import io.strata.tiering.TieringPolicy;
import io.strata.tiering.lake.LakeMaintenance;
import io.strata.tiering.lake.LakeSnapshot;
import io.strata.tiering.lake.RunRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.iceberg.rest.RESTCatalog;

/**
 * The lake as the pipeline leaves it, before and after sorted compaction, in one run: N events through
 * Kafka, the ingest and tier jobs (a commit per checkpoint), then files per partition and the warm
 * latency of one entity's timeline and of a one-day aggregate on Trino; then one maintenance pass of
 * the shipped policy with {@code compaction.after} at 0 (compact now), and the same figures again.
 */
public final class LakeBenchmark {
  /** Data files per partition of the table. */
  public record Shape(int partitions, int files, int minFiles, int medianFiles, int maxFiles, long bytes) {
    /** The events table's shape as the catalog has it now. */
    static Shape now(RESTCatalog catalog) {
      return of(LakeSnapshot.read(catalog.loadTable(EventsTable.IDENTIFIER)).partitions());
    }

    static Shape of(List<PartitionFiles> partitions) {
      int[] counts = partitions.stream().mapToInt(p -> p.files().size()).sorted().toArray();
      return new Shape(counts.length, Arrays.stream(counts).sum(), counts.length == 0 ? 0 : counts[0],
          counts.length == 0 ? 0 : counts[counts.length / 2], counts.length == 0 ? 0 : counts[counts.length - 1],
          partitions.stream().mapToLong(PartitionFiles::bytes).sum());
    }
  }

  /** What one run measured. */
  public record Result(long rows, Shape before, Shape after, SqlBenchmark.Timing timelineBefore, SqlBenchmark.Timing timelineAfter,
      SqlBenchmark.Timing dayBefore, SqlBenchmark.Timing dayAfter, double compactionSeconds, double loadSeconds, String entity,
      Shape cold, SqlBenchmark.Timing timelineCold, SqlBenchmark.Timing dayCold, double coldSeconds) {
    public double timelineSpeedup() {
      return timelineBefore.median() / timelineAfter.median();
    }

    /** The timeline as the pipeline left the lake against after the cold roll-up. */
    public double timelineColdSpeedup() {
      return timelineBefore.median() / timelineCold.median();
    }

    public double dayColdSpeedup() {
      return dayBefore.median() / dayCold.median();
    }

    public double daySpeedup() {
      return dayBefore.median() / dayAfter.median();
    }
  }

  private final StrataStack stack;
  private final Consumer<String> log;

  public LakeBenchmark(StrataStack stack, Consumer<String> log) {
    this.stack = requireNonNull(stack, "stack is null");
    this.log = requireNonNull(log, "log is null");
  }

  public Result run(long events, int runs, Path policyFile, Path spillDir, int rowsInMemory) throws Exception {
    LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(30);
    // Without the per-entity order (keepOrder false): for 10 million events it held about a gigabyte of
    // event ids in the stack's own heap, and the stack ran at a third of its speed under GC.
    EventGenerator generator = new EventGenerator(new GeneratorConfig(events, 0.02, 0.005, 5, 200,
        first.atStartOfDay(ZoneOffset.UTC).toInstant(), Duration.ofDays(30), 7), false);
    long start = System.nanoTime();
    Progress sending = new Progress("sent", events);
    GeneratorRun.send(generator, stack.kafkaBootstrap(), stack.config().ingest().rawTopic(), 0,
        (index, record, millis) -> {
          if (index % 50_000 == 0) {
            sending.update(index);
          }
        });
    sending.done(events);
    long expected = generator.checksum().count();
    try (LakeWatch lake = new LakeWatch(stack.catalogUri().toString(), Optional.empty())) {
      Progress landing = new Progress("in the lake", expected);
      while (lake.rows() < expected) {
        landing.update(lake.rows());
        Thread.sleep(2_000);
      }
      landing.done(lake.rows());
    }
    double loadSeconds = (System.nanoTime() - start) / 1e9;
    log.accept(String.format("%,d rows in the lake %.0f s after the first send", expected, loadSeconds));

    try (Connection trino = stack.trinoConnection();
        RESTCatalog catalog = new RESTCatalog()) {
      catalog.initialize("bench-lake", RestClientProperties.of(stack.catalogUri().toString(), Optional.empty()));
      String[] busiest = busiestEntity(trino);
      String timeline = "SELECT event_id, event_type, event_time, payload FROM lake.strata.events WHERE tenant_id = '" + busiest[0]
          + "' AND entity_id = '" + busiest[1] + "' ORDER BY event_time, event_id";
      LocalDate day = first.plusDays(15);
      String oneDay = "SELECT event_type, count(*), count(DISTINCT entity_id) FROM lake.strata.events WHERE event_time >= TIMESTAMP '"
          + day + " 00:00:00 UTC' AND event_time < TIMESTAMP '" + day.plusDays(1) + " 00:00:00 UTC' GROUP BY 1";

      Shape before = Shape.now(catalog);
      log.accept(String.format("before: %,d files in %d partitions (%d to %d per partition, median %d), %.0f MiB", before.files(),
          before.partitions(), before.minFiles(), before.maxFiles(), before.medianFiles(), before.bytes() / 1048576.0));
      SqlBenchmark.Timing timelineBefore = SqlBenchmark.time(trino, timeline, runs);
      SqlBenchmark.Timing dayBefore = SqlBenchmark.time(trino, oneDay, runs);
      log.accept(String.format("before: timeline of %s/%s (%,d rows) %.0f ms, one-day aggregate %.0f ms (medians of %d)", busiest[0],
          busiest[1], timelineBefore.rows(), timelineBefore.median(), dayBefore.median(), runs));

      TieringPolicy shipped = PolicyFiles.read(policyFile, EventsTable.columnNames());
      TieringPolicy.Compaction compactNow = new TieringPolicy.Compaction(Duration.ZERO, shipped.compaction().targetFileBytes(),
          shipped.compaction().maxFilesPerPartition(), shipped.compaction().sortOrder());
      LakeMaintenance maintenance =
          new LakeMaintenance(catalog, new LakeMaintenance.Settings(spillDir, rowsInMemory, 3), Clock.systemUTC());
      // Compaction as the shipped policy has it (its cold tier takes months older than 30 days: none here).
      double compactionSeconds = pass(maintenance, with(shipped, compactNow, shipped.cold()), "compaction");
      Shape after = Shape.now(catalog);
      SqlBenchmark.Timing timelineAfter = sameAnswers(SqlBenchmark.time(trino, timeline, runs), timelineBefore, "timeline");
      SqlBenchmark.Timing dayAfter = sameAnswers(SqlBenchmark.time(trino, oneDay, runs), dayBefore, "one-day aggregate");
      log.accept(String.format("after compaction: %,d files (%d to %d per partition); timeline %.0f ms (x%.1f), one-day aggregate %.0f ms"
          + " (x%.1f)", after.files(), after.minFiles(), after.maxFiles(), timelineAfter.median(),
          timelineBefore.median() / timelineAfter.median(), dayAfter.median(), dayBefore.median() / dayAfter.median()));

      // Then the policy's cold tier as if its age had come: every complete month rolled up, per event type.
      TieringPolicy.Cold cold = shipped.cold().orElse(new TieringPolicy.Cold(Duration.ZERO, 512L << 20, "zstd"));
      double coldSeconds = pass(maintenance,
          with(shipped, compactNow, Optional.of(new TieringPolicy.Cold(Duration.ZERO, cold.targetFileBytes(), cold.compression()))),
          "cold roll-up");
      Shape rolled = Shape.now(catalog);
      SqlBenchmark.Timing timelineCold = sameAnswers(SqlBenchmark.time(trino, timeline, runs), timelineBefore, "timeline");
      SqlBenchmark.Timing dayCold = sameAnswers(SqlBenchmark.time(trino, oneDay, runs), dayBefore, "one-day aggregate");
      log.accept(String.format("after the cold roll-up: %,d files in %d partitions; timeline %.0f ms (x%.1f), one-day aggregate %.0f ms"
          + " (x%.1f)", rolled.files(), rolled.partitions(), timelineCold.median(), timelineBefore.median() / timelineCold.median(),
          dayCold.median(), dayBefore.median() / dayCold.median()));
      return new Result(expected, before, after, timelineBefore, timelineAfter, dayBefore, dayAfter, compactionSeconds, loadSeconds,
          busiest[0] + "/" + busiest[1], rolled, timelineCold, dayCold, coldSeconds);
    }
  }

  private static TieringPolicy with(TieringPolicy p, TieringPolicy.Compaction compaction, Optional<TieringPolicy.Cold> cold) {
    return new TieringPolicy(p.name(), p.table(), p.eventTypes(), p.hotLogRetention(), compaction, cold, p.expireAfter(),
        p.snapshotRetention(), p.minSnapshots(), p.orphanMinAge(), p.file());
  }

  /** One maintenance pass; its seconds. Every action must succeed. */
  private double pass(LakeMaintenance maintenance, TieringPolicy policy, String what) throws java.io.IOException {
    long start = System.nanoTime();
    List<RunRecord> records = maintenance.run(List.of(policy), false);
    double seconds = (System.nanoTime() - start) / 1e9;
    long failed = records.stream().filter(r -> !r.succeeded()).count();
    if (failed > 0) {
      throw new IllegalStateException(failed + " maintenance actions failed: " + records);
    }
    long rewritten = records.stream().filter(r -> r.action().equals("compact") || r.action().equals("cold")).mapToLong(RunRecord::rows).sum();
    log.accept(String.format("%s: %,d rows in %.0f s (%,.0f rows/s), %d actions", what, rewritten, seconds, rewritten / seconds,
        records.size()));
    return seconds;
  }

  private static SqlBenchmark.Timing sameAnswers(SqlBenchmark.Timing now, SqlBenchmark.Timing before, String query) {
    if (now.rows() != before.rows()) {
      throw new IllegalStateException("answers changed: " + query + " " + before.rows() + " -> " + now.rows() + " rows");
    }
    return now;
  }

  /** The run's chart: medians before and after, per query. */
  public static void chart(Result result, String commit, Path png) throws java.io.IOException {
    BenchCharts.lakeLayout(result, commit, png);
  }

  private static String[] busiestEntity(Connection trino) throws Exception {
    try (Statement st = trino.createStatement();
        ResultSet rows = st.executeQuery(
            "SELECT tenant_id, entity_id FROM lake.strata.events GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2 LIMIT 1")) {
      if (!rows.next()) {
        throw new IllegalStateException("the lake is empty");
      }
      return new String[] {rows.getString(1), rows.getString(2)};
    }
  }
}
