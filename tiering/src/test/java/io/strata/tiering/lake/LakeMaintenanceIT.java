package io.strata.tiering.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.catalog.EventsTable;
import io.strata.tiering.MaintenancePlan;
import io.strata.tiering.PartitionFiles;
import io.strata.tiering.PolicyDecisions;
import io.strata.tiering.TieringPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.util.PropertyUtil;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maintenance against a real table: the Strata REST catalog and an S3-compatible store, rows written
 * with Iceberg's writers in small commits as the tier job makes them. Each test has a table of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LakeMaintenanceIT {
  private static final long MB = 1L << 20;
  private static final List<String> SORT = List.of("tenant_id", "entity_id", "event_time");
  private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

  private Path dir;
  private LakeFixture lake;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    this.dir = dir;
    lake = LakeFixture.start(dir);
  }

  @AfterAll
  void stop() throws Exception {
    if (lake != null) {
      lake.close();
    }
  }

  private Table table(String name) {
    if (!lake.catalog.namespaceExists(Namespace.of("it"))) {
      lake.catalog.createNamespace(Namespace.of("it"));
    }
    return lake.catalog.createTable(TableIdentifier.of("it", name), EventsTable.SCHEMA, EventsTable.SPEC, EventsTable.PROPERTIES);
  }

  private static TieringPolicy policy(long targetBytes, int maxFiles, Optional<Duration> expireAfter) {
    return new TieringPolicy("it", "strata.events", Set.of(), Duration.ofDays(7),
        new TieringPolicy.Compaction(Duration.ZERO, targetBytes, maxFiles, SORT), Optional.empty(), expireAfter,
        Duration.ofDays(3), 1, Duration.ofDays(3), "it.yaml");
  }

  /** {@code commits} small commits of {@code rows} rows each into one partition (type x day), over 40 entities of 3 tenants. */
  private void stream(Table table, String type, LocalDate day, int commits, int rows) throws IOException {
    Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    for (int c = 0; c < commits; c++) {
      List<Record> batch = new ArrayList<>();
      for (int i = 0; i < rows; i++) {
        int n = c * rows + i;
        batch.add(lake.event(type, "tenant-" + (n % 3), "entity-" + (n * 7 % 40), start.plusSeconds((n * 13L) % 86_000), 1000));
      }
      lake.commit(table, List.of(lake.write(table, batch)), (long) c);
    }
  }

  private static List<DataFile> liveFiles(Table table, String type) throws IOException {
    table.refresh();
    List<DataFile> out = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(t -> {
        if (type.equals(LakeSnapshot.partitionOf(table.specs().get(t.file().specId()), t.file().partition()).eventType())) {
          out.add(t.file());
        }
      });
    }
    return out;
  }

  private int rowGroups(Table table, DataFile file) throws IOException {
    Path local = dir.resolve("footer-" + UUID.randomUUID() + ".parquet");
    try (InputStream in = table.io().newInputFile(file.location()).newStream()) {
      Files.copy(in, local);
    }
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(local))) {
      return reader.getRowGroups().size();
    } finally {
      Files.delete(local);
    }
  }

  /** The splits a planner makes of the file at the table's split size (Iceberg's, as Trino and Spark use it). */
  private static int splits(Table table, DataFile file) throws IOException {
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        if (task.file().location().equals(file.location())) {
          long target = PropertyUtil.propertyAsLong(table.properties(), TableProperties.SPLIT_SIZE, TableProperties.SPLIT_SIZE_DEFAULT);
          return (int) StreamSupport.stream(task.split(target).spliterator(), false).count();
        }
      }
    }
    throw new AssertionError(file.location() + " is not live");
  }

  private static List<Record> rowsOf(Table table, DataFile file) throws IOException {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> it = Parquet.read(table.io().newInputFile(file.location())).project(table.schema())
        .createReaderFunc(t -> GenericParquetReaders.buildReader(table.schema(), t)).build()) {
      it.forEach(rows::add);
    }
    return rows;
  }

  @Test
  void compactionSortsSmallCommitsIntoFewFilesNearTheTargetAndKeepsEveryRowWhileTheWriterGoesOn() throws Exception {
    Table table = table("compact");
    stream(table, "page.viewed", TODAY, 16, 400);
    stream(table, "order.placed", TODAY, 6, 400);
    List<String> before = LakeFixture.contents(table);
    assertThat(before).hasSize(22 * 400);
    assertThat(liveFiles(table, "page.viewed")).hasSize(16);

    TieringPolicy policy = policy(MB, 2, Optional.empty());
    MaintenancePlan plan = PolicyDecisions.decide(policy, LakeSnapshot.read(table).partitions(), Instant.now());
    assertThat(plan.actions()).hasSize(2).allMatch(a -> a instanceof MaintenancePlan.Compact);

    // The writer commits to the same partition while the rewrite runs: neither loses anything.
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      try {
        stream(table, "page.viewed", TODAY, 5, 100);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    // 700 rows in memory: the 6,400 rows of page.viewed sort through ten spilled runs.
    SortedRewrite rewrite = new SortedRewrite(table, dir.resolve("spill"), 700);
    LakeSnapshot snapshot = LakeSnapshot.read(table);
    List<SortedRewrite.Outcome> outcomes = new ArrayList<>();
    for (MaintenancePlan.Action a : plan.actions()) {
      MaintenancePlan.Compact c = (MaintenancePlan.Compact) a;
      outcomes.add(rewrite.rewrite(snapshot, c.files(), c.targetFileBytes(), c.sortOrder(), Optional.empty(), "compact"));
    }
    writer.get();

    List<String> after = LakeFixture.contents(table);
    assertThat(after).hasSize(before.size() + 500);
    assertThat(after).containsAll(before);
    assertThat(outcomes.stream().mapToLong(SortedRewrite.Outcome::rows).sum()).isEqualTo(22 * 400);

    // page.viewed: 16 files of ~0.35 MB became files of about 1 MB; the writer's 5 new files are left for the next run.
    SortedRewrite.Outcome pages = outcomes.get(plan.actions().get(0).partition().eventType().equals("page.viewed") ? 0 : 1);
    assertThat(pages.filesBefore()).isEqualTo(16);
    MaintenancePlan.Action planned = plan.actions().stream().filter(a -> a.partition().eventType().equals("page.viewed")).findFirst().orElseThrow();
    assertThat(planned.filesAfter()).isGreaterThan(2);
    assertThat(pages.filesAfter()).isBetween(planned.filesAfter() - 1, planned.filesAfter() + 1);
    List<DataFile> compacted = liveFiles(table, "page.viewed").stream().filter(f -> f.recordCount() > 100).toList();
    assertThat(compacted).hasSize(pages.filesAfter());
    compacted.stream().sorted(Comparator.comparingLong(DataFile::fileSizeInBytes)).skip(1)
        .forEach(f -> assertThat(f.fileSizeInBytes()).isBetween(MB * 6 / 10, MB * 14 / 10));
    var order = SortedRewrite.comparator(table.schema(), SortedRewrite.sortOrder(table.schema(), SORT));
    for (DataFile f : compacted) {
      List<Record> rows = rowsOf(table, f);
      for (int i = 1; i < rows.size(); i++) {
        assertThat(order.compare(rows.get(i - 1), rows.get(i))).as("row %d of %s in sort order", i, f.location()).isLessThanOrEqualTo(0);
      }
      assertThat(f.sortOrderId()).isEqualTo(table.sortOrder().orderId());
      // Small row groups that statistics can skip, but one split for a reader: the file is smaller
      // than the table's split size, so it records only its first group's offset.
      assertThat(rowGroups(table, f)).as("row groups of %s", f.location()).isGreaterThanOrEqualTo(5);
      assertThat(splits(table, f)).as("splits of %s", f.location()).isEqualTo(1);
    }

    // The next decision leaves the compacted partition alone until more small files arrive than allowed.
    MaintenancePlan again = PolicyDecisions.decide(policy, LakeSnapshot.read(table).partitions(), Instant.now());
    assertThat(again.actions()).noneMatch(a -> a.partition().eventType().equals("order.placed"));
  }

  @Test
  void retentionDeletesExactlyThePartitionsPastTheirAgeAndTimeTravelStillSeesThem() throws Exception {
    Table table = table("retention");
    LocalDate old = TODAY.minusDays(10);
    stream(table, "page.viewed", old, 3, 50);
    stream(table, "order.placed", old, 2, 50);
    stream(table, "page.viewed", TODAY.minusDays(6), 2, 50);
    stream(table, "page.viewed", TODAY, 2, 50);
    table.refresh();
    long beforeDelete = table.currentSnapshot().snapshotId();
    List<String> young = new ArrayList<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).where(
        org.apache.iceberg.expressions.Expressions.greaterThanOrEqual("event_time",
            TODAY.minusDays(6).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L)).build()) {
      rows.forEach(r -> young.add(r.getField("event_id") + " " + r.getField("payload")));
    }
    assertThat(young).hasSize(200);

    MaintenancePlan plan = PolicyDecisions.decide(policy(MB, 100, Optional.of(Duration.ofDays(7))), LakeSnapshot.read(table).partitions(),
        Instant.now());
    List<PartitionFiles> expired = plan.actions().stream().filter(a -> a instanceof MaintenancePlan.Expire).map(MaintenancePlan.Action::partition).toList();
    assertThat(expired).extracting(PartitionFiles::start).containsOnly(old);
    assertThat(expired).hasSize(2);
    long deleted = 0;
    for (PartitionFiles p : expired) {
      deleted += PartitionExpiry.expire(table, p).rowsDeleted();
    }

    assertThat(deleted).isEqualTo(250);
    assertThat(LakeFixture.contents(table)).containsExactlyInAnyOrderElementsOf(young);
    // The bytes stay while a retained snapshot needs them: time travel to before the delete sees every row.
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).useSnapshot(beforeDelete).build()) {
      assertThat(StreamSupport.stream(rows.spliterator(), false).count()).isEqualTo(450);
    }
  }

  @Test
  void snapshotExpiryKeepsTheWindowAndTheWritersNewestCommitAndTimeTravelBeyondItFailsClearly() throws Exception {
    Table table = table("snapshots");
    stream(table, "page.viewed", TODAY, 2, 10); // the writer's checkpoints 0 and 1
    Thread.sleep(5);
    lake.commit(table, List.of(lake.write(table, List.of(lake.event("page.viewed", "t", "e", Instant.now(), 10)))), null);
    Thread.sleep(5);
    lake.commit(table, List.of(lake.write(table, List.of(lake.event("page.viewed", "t", "e", Instant.now(), 10)))), null);
    table.refresh();
    List<Snapshot> snapshots = StreamSupport.stream(table.snapshots().spliterator(), false)
        .sorted(Comparator.comparingLong(Snapshot::sequenceNumber)).toList();
    assertThat(snapshots).hasSize(4);
    Snapshot first = snapshots.get(0);
    Snapshot writersNewest = snapshots.get(1);
    Snapshot newest = snapshots.get(3);

    // A window that ends at the newest snapshot would expire three, but the writer's newest commit stays.
    SnapshotExpiry.Outcome o = SnapshotExpiry.expire(table, Instant.ofEpochMilli(newest.timestampMillis()), 1);
    assertThat(o.keptForWriter()).isTrue();
    assertThat(o.snapshotsAfter()).isEqualTo(3);
    assertThat(table.snapshot(first.snapshotId())).isNull();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).useSnapshot(writersNewest.snapshotId()).build()) {
      assertThat(StreamSupport.stream(rows.spliterator(), false).count()).isEqualTo(20);
    }
    assertThatThrownBy(() -> IcebergGenerics.read(table).useSnapshot(first.snapshotId()).build())
        .hasMessageContaining("Cannot find snapshot with ID " + first.snapshotId());
    assertThatThrownBy(() -> IcebergGenerics.read(table).asOfTime(first.timestampMillis()).build())
        .hasMessageContaining("Cannot find a snapshot older than");

    // Without a writer's commit in the way, the window is what the policy says, and min-count holds.
    Table other = table("snapshots-plain");
    for (int i = 0; i < 3; i++) {
      lake.commit(other, List.of(lake.write(other, List.of(lake.event("page.viewed", "t", "e", Instant.now(), 10)))), null);
      Thread.sleep(5);
    }
    other.refresh();
    assertThat(SnapshotExpiry.expire(other, Instant.now().plusSeconds(1), 2).snapshotsAfter()).isEqualTo(2);
  }

  @Test
  void orphanCleanupDeletesOnlyOldUnreferencedFilesAndNeverAFileOfAnInFlightCommit() throws Exception {
    Table table = table("orphans");
    DataFile committed = lake.write(table, List.of(lake.event("page.viewed", "t", "e", Instant.now(), 10)));
    lake.commit(table, List.of(committed), 1L);
    DataFile abandoned = lake.write(table, List.of(lake.event("page.viewed", "t", "e", Instant.now(), 10)));
    // An in-flight commit: its data file is written, its commit not made yet.
    DataFile inFlight = lake.write(table, List.of(lake.event("page.viewed", "t", "e", Instant.now(), 10)));
    Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2));
    age(committed, twoDaysAgo);
    age(abandoned, twoDaysAgo);

    OrphanCleanup.Outcome o = OrphanCleanup.clean(table, Instant.now().minus(Duration.ofDays(1)));

    assertThat(o.deleted()).isEqualTo(1);
    assertThat(o.tooYoung()).isEqualTo(1);
    assertThat(table.io().newInputFile(abandoned.location()).exists()).isFalse();
    assertThat(table.io().newInputFile(committed.location()).exists()).isTrue();
    assertThat(table.io().newInputFile(inFlight.location()).exists()).isTrue();
    lake.commit(table, List.of(inFlight), 2L);
    assertThat(LakeFixture.contents(table)).hasSize(2);
  }

  @Test
  void aPassAppliesEveryPolicyAndRecordsWhatItDidInTheRunsTable() throws Exception {
    Table events = lake.events();
    stream(events, "page.viewed", TODAY, 6, 100);
    stream(events, "page.viewed", TODAY.minusDays(30), 2, 100);
    int before = LakeFixture.contents(events).size();

    LakeMaintenance maintenance = new LakeMaintenance(lake.catalog, new LakeMaintenance.Settings(dir.resolve("spill"), 10_000, 3),
        Clock.systemUTC());
    List<RunRecord> records = maintenance.run(List.of(policy(MB, 2, Optional.of(Duration.ofDays(7)))), true);

    assertThat(records).allMatch(RunRecord::succeeded);
    assertThat(records).extracting(RunRecord::action).containsExactlyInAnyOrder("compact", "expire", "expire-snapshots", "delete-orphans");
    RunRecord compact = records.stream().filter(r -> r.action().equals("compact")).findFirst().orElseThrow();
    assertThat(compact.filesBefore()).isEqualTo(6);
    assertThat(compact.rows()).isEqualTo(600);
    assertThat(LakeFixture.contents(events)).hasSize(before - 200);

    Table runs = RunLog.table(lake.catalog);
    List<String> logged = new ArrayList<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(runs).build()) {
      rows.forEach(r -> logged.add(r.getField("action") + " " + r.getField("partition") + " " + r.getField("rows") + " " + r.getField("outcome")));
    }
    assertThat(logged).contains("compact event_time_day=" + TODAY + "/event_type=page.viewed 600 succeeded",
        "expire event_time_day=" + TODAY.minusDays(30) + "/event_type=page.viewed 200 succeeded");
  }

  @Test
  void aColdMonthRollsUpIntoOneSortedFileOfTheMonthSpecAndTheWriterKeepsWritingDays() throws Exception {
    Table table = table("cold");
    LocalDate lastMonth = TODAY.withDayOfMonth(1).minusMonths(1);
    for (int d = 0; d < 5; d++) {
      stream(table, "page.viewed", lastMonth.plusDays(d * 6L), 3, 100);
    }
    stream(table, "order.placed", lastMonth.plusDays(2), 2, 100);
    stream(table, "page.viewed", TODAY, 2, 100);
    List<String> before = LakeFixture.contents(table);
    TieringPolicy policy = new TieringPolicy("it", "strata.events", Set.of(), Duration.ofDays(7),
        new TieringPolicy.Compaction(Duration.ofDays(1), 64 * MB, 4, SORT), Optional.of(new TieringPolicy.Cold(Duration.ZERO, 512 * MB, "zstd")),
        Optional.empty(), Duration.ofDays(3), 1, Duration.ofDays(3), "it.yaml");
    LakeMaintenance maintenance = new LakeMaintenance(lake.catalog, new LakeMaintenance.Settings(dir.resolve("spill"), 250, 3),
        Clock.systemUTC());

    List<RunRecord> records = maintenance.runOn(table, List.of(policy));

    String month = lastMonth.toString().substring(0, 7);
    assertThat(records).filteredOn(r -> r.action().equals("cold")).extracting(RunRecord::partition, RunRecord::filesBefore,
        RunRecord::filesAfter, RunRecord::rows).containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("event_type=page.viewed/event_time_month=" + month, 15L, 1L, 1500L),
            org.assertj.core.groups.Tuple.tuple("event_type=order.placed/event_time_month=" + month, 2L, 1L, 200L));
    assertThat(LakeFixture.contents(table)).containsExactlyInAnyOrderElementsOf(before);
    table.refresh();
    assertThat(table.spec().fields()).extracting(f -> f.transform().toString()).as("the default spec stays by day").containsExactly("day", "identity");
    LakeSnapshot after = LakeSnapshot.read(table);
    assertThat(after.partitions()).extracting(PartitionFiles::describe, p -> p.files().size()).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("event_type=order.placed/event_time_month=" + month, 1),
        org.assertj.core.groups.Tuple.tuple("event_type=page.viewed/event_time_month=" + month, 1),
        org.assertj.core.groups.Tuple.tuple("event_time_day=" + TODAY + "/event_type=page.viewed", 2));
    DataFile rolled = liveFiles(table, "page.viewed").stream().filter(f -> f.recordCount() == 1500).findFirst().orElseThrow();
    assertThat(rolled.location()).contains("/event_type=page.viewed/event_time_month=" + month + "/");
    var order = SortedRewrite.comparator(table.schema(), SortedRewrite.sortOrder(table.schema(), SORT));
    List<Record> rows = rowsOf(table, rolled);
    for (int i = 1; i < rows.size(); i++) {
      assertThat(order.compare(rows.get(i - 1), rows.get(i))).as("row %d in sort order", i).isLessThanOrEqualTo(0);
    }
    // A filter on a day of the month still finds its rows in the month's file (planning prunes by the month).
    long day = lastMonth.plusDays(6).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    try (CloseableIterable<Record> oneDay = IcebergGenerics.read(table).where(org.apache.iceberg.expressions.Expressions.and(
        org.apache.iceberg.expressions.Expressions.greaterThanOrEqual("event_time", day),
        org.apache.iceberg.expressions.Expressions.lessThan("event_time", day + 86_400_000_000L))).build()) {
      assertThat(StreamSupport.stream(oneDay.spliterator(), false).count()).isEqualTo(300);
    }

    // A late event for last month lands in a day partition (the writer's spec); the next pass merges it
    // with the month's file.
    stream(table, "page.viewed", lastMonth.plusDays(1), 1, 10);
    List<RunRecord> again = maintenance.runOn(table, List.of(policy));
    assertThat(again).filteredOn(r -> r.action().equals("cold")).extracting(RunRecord::filesBefore, RunRecord::filesAfter, RunRecord::rows)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, 1L, 1510L));
    assertThat(LakeFixture.contents(table)).hasSize(before.size() + 10);
    assertThat(LakeSnapshot.read(table).partitions()).noneMatch(p -> p.span() == PartitionFiles.Span.DAY && p.start().isBefore(TODAY));

    // Retention of a month partition removes exactly its rows, in whole files.
    PartitionFiles pagesMonth = LakeSnapshot.read(table).partitions().stream()
        .filter(p -> p.span() == PartitionFiles.Span.MONTH && p.eventType().equals("page.viewed")).findFirst().orElseThrow();
    assertThat(PartitionExpiry.expire(table, pagesMonth).rowsDeleted()).isEqualTo(1510);
    table.refresh();
    assertThat(LakeFixture.contents(table)).hasSize(before.size() + 10 - 1510);
    assertThat(LakeSnapshot.read(table).partitions()).extracting(PartitionFiles::describe).containsExactlyInAnyOrder(
        "event_type=order.placed/event_time_month=" + month, "event_time_day=" + TODAY + "/event_type=page.viewed");
  }

  @Test
  void manifestsThatPiledUpAreRewrittenIntoOneAndEveryFileStaysLiveWithItsSequenceNumber() throws Exception {
    Table table = table("manifests");
    stream(table, "page.viewed", TODAY, 12, 20);
    stream(table, "order.placed", TODAY.minusDays(1), 12, 20);
    table.refresh();
    assertThat(table.currentSnapshot().dataManifests(table.io())).hasSize(24);
    List<String> before = LakeFixture.contents(table);
    java.util.Map<String, Long> sequenceBefore = new java.util.HashMap<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(t -> sequenceBefore.put(t.file().location(), t.file().dataSequenceNumber()));
    }

    ManifestRewrite.Outcome outcome = ManifestRewrite.rewrite(table).orElseThrow();

    assertThat(outcome.manifestsBefore()).isEqualTo(24);
    assertThat(outcome.manifestsAfter()).isEqualTo(1);
    table.refresh();
    assertThat(table.currentSnapshot().dataManifests(table.io())).hasSize(1);
    assertThat(LakeFixture.contents(table)).containsExactlyInAnyOrderElementsOf(before);
    java.util.Map<String, Long> sequenceAfter = new java.util.HashMap<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(t -> sequenceAfter.put(t.file().location(), t.file().dataSequenceNumber()));
    }
    assertThat(sequenceAfter).as("the same files, each with the sequence number its commit gave it").isEqualTo(sequenceBefore);
    assertThat(ManifestRewrite.rewrite(table)).as("one manifest: nothing to do").isEmpty();
  }

  /** Moves a stored object's modification time back, as if it had been written then. */
  private void age(DataFile file, Instant when) throws IOException {
    String key = file.location().substring(("s3://" + LakeFixture.BUCKET + "/").length());
    Path stored = lake.s3Dir.resolve(LakeFixture.BUCKET).resolve(key);
    assertThat(stored).exists();
    Files.setLastModifiedTime(stored, FileTime.from(when));
  }
}
