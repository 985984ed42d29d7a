package io.strata.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.event.DecodeResult;
import io.strata.event.EnvelopeCodec;
import io.strata.event.EventEnvelope;
import io.strata.launcher.generate.EventGenerator;
import io.strata.launcher.generate.GeneratedRecord;
import io.strata.launcher.generate.GeneratorConfig;
import io.strata.launcher.generate.GeneratorRun;
import io.strata.launcher.sql.SqlScript;
import io.strata.launcher.sql.SqlScripts;
import io.strata.launcher.stack.StackConfig;
import io.strata.launcher.stack.StrataStack;
import io.strata.tiering.PartitionFiles;
import io.strata.tiering.PolicyFiles;
import io.strata.tiering.TieringPolicy;
import io.strata.tiering.lake.LakeMaintenance;
import io.strata.tiering.lake.LakeSnapshot;
import io.strata.tiering.lake.RunRecord;
import io.trino.jdbc.QueryStats;
import io.trino.jdbc.StageStats;
import io.trino.jdbc.TrinoStatement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Trino over the lake, as analysts use it: one stack with Trino for the whole class, a generated load
 * landed through the pipeline, and queries over JDBC checked against what the generator sent.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrinoLakeIT {
  private static Path dataDir;
  private static StrataStack stack;
  private static Connection trino;
  private static final List<EventEnvelope> sent = new ArrayList<>();

  @BeforeAll
  static void startStackAndLoad() throws Exception {
    dataDir = Files.createTempDirectory("strata-trino-it");
    Map<String, String> settings = TestStacks.settings(dataDir);
    settings.put("strata.trino.enabled", "true");
    stack = StrataStack.start(StackConfig.from(settings));
    trino = stack.trinoConnection();
    load(30_000, 11);
  }

  @AfterAll
  static void stop() throws Exception {
    if (trino != null) {
      trino.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  /** Sends a generated batch and waits until the lake holds it; remembers the unique valid events. */
  private static void load(long count, long seed) throws Exception {
    EventGenerator generator =
        new EventGenerator(
            new GeneratorConfig(
                count, 0.05, 0.01, 3, 50, PipelineExactlyOnceIT.EVENT_TIMES_FROM, Duration.ofDays(5), seed));
    List<GeneratedRecord> records = PipelineExactlyOnceIT.drain(generator);
    EnvelopeCodec codec = new EnvelopeCodec();
    for (GeneratedRecord r : records) {
      if (r.kind() == GeneratedRecord.Kind.VALID) {
        sent.add(((DecodeResult.Valid) codec.decode(r.value())).envelope());
      }
    }
    GeneratorRun.send(records.iterator(), stack.kafkaBootstrap(), "events.raw", 0);
    try (LakeVerifier lake = new LakeVerifier(stack.catalogUri())) {
      lake.awaitRows(sent.size(), Duration.ofMinutes(5));
    }
  }

  private static long scalar(String sql) throws Exception {
    try (Statement st = trino.createStatement();
        ResultSet rows = st.executeQuery(sql)) {
      assertThat(rows.next()).isTrue();
      return rows.getLong(1);
    }
  }

  private static LocalDate day(EventEnvelope e) {
    return LocalDate.ofInstant(e.eventTime(), ZoneOffset.UTC);
  }

  @Test
  @Order(1)
  void totalAndPerTypePerDayCountsEqualTheGenerators() throws Exception {
    assertThat(scalar("SELECT count(*) FROM lake.strata.events")).isEqualTo(sent.size());

    Map<String, Long> expected = new TreeMap<>();
    for (EventEnvelope e : sent) {
      expected.merge(day(e) + " " + e.eventType(), 1L, Long::sum);
    }
    Map<String, Long> actual = new TreeMap<>();
    try (Statement st = trino.createStatement();
        ResultSet rows =
            st.executeQuery(
                "SELECT CAST(date(event_time AT TIME ZONE 'UTC') AS varchar), event_type, count(*)"
                    + " FROM lake.strata.events GROUP BY 1, 2")) {
      while (rows.next()) {
        actual.put(rows.getString(1) + " " + rows.getString(2), rows.getLong(3));
      }
    }
    assertThat(actual).isEqualTo(expected);

    Map<String, Long> byType = new TreeMap<>();
    sent.forEach(e -> byType.merge(e.eventType(), 1L, Long::sum));
    Map<String, Long> viewByType = new TreeMap<>();
    try (Statement st = trino.createStatement();
        ResultSet rows =
            st.executeQuery("SELECT event_type, sum(events) FROM lake.strata.events_per_hour GROUP BY 1")) {
      while (rows.next()) {
        viewByType.put(rows.getString(1), rows.getLong(2));
      }
    }
    assertThat(viewByType).isEqualTo(byType);
  }

  @Test
  @Order(2)
  void theEntityTimelineIsInEventTimeOrder() throws Exception {
    Map<String, List<EventEnvelope>> byEntity = new HashMap<>();
    sent.forEach(e -> byEntity.computeIfAbsent(e.tenantId() + "/" + e.entityId(), k -> new ArrayList<>()).add(e));
    List<EventEnvelope> busiest =
        byEntity.values().stream().max(Comparator.comparingInt(List::size)).orElseThrow();
    List<String> expected =
        busiest.stream()
            .sorted(Comparator.comparing(EventEnvelope::eventTime).thenComparing(EventEnvelope::eventId))
            .map(EventEnvelope::eventId)
            .toList();
    List<String> actual = new ArrayList<>();
    try (Statement st = trino.createStatement();
        ResultSet rows =
            st.executeQuery(
                "SELECT seq, event_id FROM lake.strata.entity_timeline WHERE tenant_id = '"
                    + busiest.get(0).tenantId() + "' AND entity_id = '" + busiest.get(0).entityId()
                    + "' ORDER BY seq")) {
      while (rows.next()) {
        assertThat(rows.getLong(1)).isEqualTo(actual.size() + 1);
        actual.add(rows.getString(2));
      }
    }
    assertThat(actual).hasSizeGreaterThan(1).isEqualTo(expected);
  }

  @Test
  @Order(3)
  void timeTravelAndMetadataTablesAnswer() throws Exception {
    try (LakeVerifier lake = new LakeVerifier(stack.catalogUri())) {
      Table table = lake.table();
      List<Snapshot> snapshots = new ArrayList<>();
      table.snapshots().forEach(snapshots::add);
      Snapshot first =
          snapshots.stream()
              .filter(s -> Long.parseLong(s.summary().getOrDefault("total-records", "0")) > 0)
              .min(Comparator.comparingLong(Snapshot::sequenceNumber))
              .orElseThrow();
      long thenRows = Long.parseLong(first.summary().get("total-records"));
      assertThat(scalar("SELECT count(*) FROM lake.strata.events FOR VERSION AS OF " + first.snapshotId()))
          .isEqualTo(thenRows);
      assertThat(scalar("SELECT count(*) FROM lake.strata.\"events$snapshots\"")).isEqualTo(snapshots.size());
    }
    assertThat(scalar("SELECT sum(record_count) FROM lake.strata.\"events$partitions\"")).isEqualTo(sent.size());
    assertThat(scalar("SELECT sum(record_count) FROM lake.strata.\"events$files\"")).isEqualTo(sent.size());
  }

  @Test
  @Order(4)
  void aOneDayFilterReadsOnlyThatDaysFiles() throws Exception {
    Map<LocalDate, Long> perDay = new TreeMap<>();
    sent.forEach(e -> perDay.merge(day(e), 1L, Long::sum));
    LocalDate day = perDay.keySet().stream().skip(1).findFirst().orElseThrow();
    long dayFiles =
        scalar("SELECT count(*) FROM lake.strata.\"events$files\" WHERE partition.event_time_day = DATE '" + day + "'");
    long allFiles = scalar("SELECT count(*) FROM lake.strata.\"events$files\"");

    AtomicReference<QueryStats> last = new AtomicReference<>();
    try (Statement st = trino.createStatement()) {
      st.unwrap(TrinoStatement.class).setProgressMonitor(last::set);
      try (ResultSet rows =
          st.executeQuery(
              "SELECT event_type, count(*) FROM lake.strata.events WHERE event_time >= TIMESTAMP '" + day
                  + " 00:00:00 UTC' AND event_time < TIMESTAMP '" + day.plusDays(1) + " 00:00:00 UTC' GROUP BY 1")) {
        long total = 0;
        while (rows.next()) {
          total += rows.getLong(2);
        }
        assertThat(total).isEqualTo(perDay.get(day));
      }
    }
    QueryStats stats = last.get();
    // Rows read from storage are exactly that day's: no other day's file was opened.
    assertThat(stats.getProcessedRows()).isEqualTo(perDay.get(day)).isLessThan(sent.size());
    long sourceSplits = leafSplits(stats.getRootStage().orElseThrow());
    assertThat(sourceSplits).isPositive().isLessThanOrEqualTo(dayFiles).isLessThan(allFiles);
  }

  private static long leafSplits(StageStats stage) {
    if (stage.getSubStages().isEmpty()) {
      return stage.getTotalSplits();
    }
    return stage.getSubStages().stream().mapToLong(TrinoLakeIT::leafSplits).sum();
  }

  @Test
  @Order(5)
  void everySqlFileAndNotebookCellRuns() throws Exception {
    Path home = stack.config().home();
    List<SqlScript> scripts = new ArrayList<>(SqlScripts.files(home.resolve("sql")));
    try (var notebooks = Files.list(home.resolve("notebooks"))) {
      for (Path notebook : notebooks.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList()) {
        scripts.addAll(SqlScripts.notebookCells(notebook));
      }
    }
    String oldest =
        String.valueOf(scalar("SELECT snapshot_id FROM lake.strata.\"events$snapshots\" ORDER BY committed_at LIMIT 1"));
    assertThat(scripts).hasSizeGreaterThan(20);
    for (SqlScript script : scripts) {
      try (Statement st = trino.createStatement()) {
        if (st.execute(script.with("snapshot_id", oldest).sql())) {
          try (ResultSet rows = st.getResultSet()) {
            while (rows.next()) {
              // read every row: errors can surface late
            }
          }
        }
      } catch (Exception e) {
        throw new AssertionError(script.source() + " failed: " + e.getMessage(), e);
      }
    }
  }

  @Test
  @Order(6)
  void rowsCommittedByFlinkBecomeVisibleWithoutARestart() throws Exception {
    long before = scalar("SELECT count(*) FROM lake.strata.events");
    load(3_000, 12);
    assertThat(scalar("SELECT count(*) FROM lake.strata.events")).isEqualTo(sent.size()).isGreaterThan(before);
  }

  /** Answers an analyst would compare: counts per type and day, distinct entities, payload bytes, one entity's timeline. */
  private static List<String> answers(String tenant, String entity) throws Exception {
    List<String> out = new ArrayList<>();
    for (String sql : List.of(
        "SELECT CAST(date(event_time AT TIME ZONE 'UTC') AS varchar), event_type, count(*) FROM lake.strata.events GROUP BY 1, 2 ORDER BY 1, 2",
        "SELECT count(DISTINCT tenant_id || '/' || entity_id), sum(length(payload)), count(*) FROM lake.strata.events",
        "SELECT event_id, CAST(event_time AS varchar), payload FROM lake.strata.events WHERE tenant_id = '" + tenant
            + "' AND entity_id = '" + entity + "' ORDER BY event_time, event_id")) {
      try (Statement st = trino.createStatement();
          ResultSet rows = st.executeQuery(sql)) {
        int columns = rows.getMetaData().getColumnCount();
        while (rows.next()) {
          StringBuilder row = new StringBuilder();
          for (int c = 1; c <= columns; c++) {
            row.append(rows.getString(c)).append('|');
          }
          out.add(row.toString());
        }
      }
    }
    return out;
  }

  @Test
  @Order(7)
  void compactionOfHalfAMillionEventsInSmallCommitsKeepsEveryAnswerInFewSortedFiles() throws Exception {
    // Half a million events in all, committed by the tier job every 2 s (TestStacks' checkpoints).
    EventGenerator generator = new EventGenerator(
        new GeneratorConfig(510_000, 0.05, 0.01, 3, 50, PipelineExactlyOnceIT.EVENT_TIMES_FROM, Duration.ofDays(5), 13));
    long before = scalar("SELECT count(*) FROM lake.strata.events");
    GeneratorRun.send(generator, stack.kafkaBootstrap(), "events.raw", 0);
    long total = before + generator.checksum().count();
    assertThat(total).isGreaterThanOrEqualTo(500_000);
    try (LakeVerifier lake = new LakeVerifier(stack.catalogUri())) {
      lake.awaitRows(total, Duration.ofMinutes(5));
      String checksumBefore = lake.checksum().toString();
      List<PartitionFiles> partitionsBefore = LakeSnapshot.read(lake.table()).partitions();
      int filesBefore = partitionsBefore.stream().mapToInt(p -> p.files().size()).sum();
      EventEnvelope someone = sent.get(sent.size() / 2);
      List<String> answersBefore = answers(someone.tenantId(), someone.entityId());

      Path policy = dataDir.resolve("compact-now.yaml");
      Files.writeString(policy, """
          name: compact-now
          table: strata.events
          hot-log-retention: 7d
          compaction:
            after: 0s
            target-file-size: 2mb
            max-files-per-partition: 2
            sort-order: [tenant_id, entity_id, event_time]
          snapshots:
            keep: 3d
          orphan-files:
            min-age: 3d
          """);
      TieringPolicy compactNow = PolicyFiles.read(policy, io.strata.catalog.EventsTable.columnNames());
      List<RunRecord> records;
      try (org.apache.iceberg.rest.RESTCatalog catalog = new org.apache.iceberg.rest.RESTCatalog()) {
        catalog.initialize("it", new HashMap<>(Map.of("uri", stack.catalogUri().toString())));
        records = new LakeMaintenance(catalog, new LakeMaintenance.Settings(dataDir.resolve("spill"), 20_000, 3),
            java.time.Clock.systemUTC()).run(List.of(compactNow), false);
      }

      assertThat(records).allMatch(RunRecord::succeeded);
      List<PartitionFiles> partitionsAfter = LakeSnapshot.read(lake.table()).partitions();
      assertThat(partitionsAfter).hasSameSizeAs(partitionsBefore);
      for (PartitionFiles p : partitionsAfter) {
        long allowed = Math.max(2, (p.bytes() + (2L << 20) - 1) / (2L << 20));
        assertThat((long) p.files().size()).as("files of %s", p.describe()).isLessThanOrEqualTo(allowed);
        // Near the target: every file but a partition's smallest holds at least half of it.
        p.files().stream().sorted(Comparator.comparingLong(PartitionFiles.DataFile::bytes)).skip(1)
            .forEach(f -> assertThat(f.bytes()).as(f.path()).isGreaterThan(1L << 20).isLessThan(3L << 20));
      }
      int filesAfter = partitionsAfter.stream().mapToInt(p -> p.files().size()).sum();
      assertThat(filesAfter).isLessThan(filesBefore / 4);
      assertThat(lake.checksum().toString()).isEqualTo(checksumBefore);
      assertThat(answers(someone.tenantId(), someone.entityId())).isEqualTo(answersBefore);
      assertThat(scalar("SELECT count(*) FROM lake.strata.maintenance_runs WHERE action = 'compact' AND outcome = 'succeeded'"))
          .isEqualTo(records.stream().filter(r -> r.action().equals("compact")).count());
      System.out.printf("compaction: %d files in %d partitions -> %d files, %d rows%n", filesBefore, partitionsBefore.size(),
          filesAfter, total);
    }
  }
}
