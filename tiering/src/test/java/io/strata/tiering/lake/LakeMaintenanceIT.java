package io.strata.tiering.lake;

import static io.strata.tiering.lake.LakeFixture.MB;
import static io.strata.tiering.lake.LakeFixture.SORT;
import static io.strata.tiering.lake.LakeFixture.liveFiles;
import static io.strata.tiering.lake.LakeFixture.policy;
import static io.strata.tiering.lake.LakeFixture.rowsOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.tiering.MaintenancePlan;
import io.strata.tiering.PolicyDecisions;
import io.strata.tiering.TieringPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.PropertyUtil;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;

/**
 * Rewrites against a real table: the Strata REST catalog and an S3-compatible store, rows written with
 * Iceberg's writers in small commits as the tier job makes them. Sorted compaction beside the writer,
 * a whole pass and its runs table, and the manifest rewrite. Each test has a table of its own.
 */
class LakeMaintenanceIT extends LakeIT {
  @Test
  void compactionSortsSmallCommitsIntoFewFilesNearTheTargetAndKeepsEveryRowWhileTheWriterGoesOn() throws Exception {
    Table table = lake.table("compact");
    lake.stream(table, "page.viewed", TODAY, 16, 400);
    lake.stream(table, "order.placed", TODAY, 6, 400);
    List<String> before = LakeFixture.contents(table);
    assertThat(before).hasSize(22 * 400);
    assertThat(liveFiles(table, "page.viewed")).hasSize(16);

    TieringPolicy policy = policy(MB, 2, Optional.empty());
    MaintenancePlan plan = PolicyDecisions.decide(policy, LakeSnapshot.read(table).partitions(), Instant.now());
    assertThat(plan.actions()).hasSize(2).allMatch(a -> a instanceof MaintenancePlan.Compact);

    // The writer commits to the same partition while the rewrite runs: neither loses anything.
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      try {
        lake.stream(table, "page.viewed", TODAY, 5, 100);
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
  void aPassAppliesEveryPolicyAndRecordsWhatItDidInTheRunsTable() throws Exception {
    Table events = lake.events();
    lake.stream(events, "page.viewed", TODAY, 6, 100);
    lake.stream(events, "page.viewed", TODAY.minusDays(30), 2, 100);
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
  void manifestsThatPiledUpAreRewrittenIntoOneAndEveryFileStaysLiveWithItsSequenceNumber() throws Exception {
    Table table = lake.table("manifests");
    lake.stream(table, "page.viewed", TODAY, 12, 20);
    lake.stream(table, "order.placed", TODAY.minusDays(1), 12, 20);
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

}
