package io.strata.tiering.lake;

import static io.strata.tiering.lake.LakeFixture.MB;
import static io.strata.tiering.lake.LakeFixture.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.tiering.MaintenancePlan;
import io.strata.tiering.PartitionFiles;
import io.strata.tiering.PolicyDecisions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;

/**
 * What maintenance deletes, against a real table (the Strata REST catalog and an S3-compatible store):
 * partitions past their age, snapshots past the time-travel window, orphan files. Each test has a table
 * of its own.
 */
class LakeRetentionIT extends LakeIT {
  @Test
  void retentionDeletesExactlyThePartitionsPastTheirAgeAndTimeTravelStillSeesThem() throws Exception {
    Table table = lake.table("retention");
    LocalDate old = TODAY.minusDays(10);
    lake.stream(table, "page.viewed", old, 3, 50);
    lake.stream(table, "order.placed", old, 2, 50);
    lake.stream(table, "page.viewed", TODAY.minusDays(6), 2, 50);
    lake.stream(table, "page.viewed", TODAY, 2, 50);
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
    Table table = lake.table("snapshots");
    lake.stream(table, "page.viewed", TODAY, 2, 10); // the writer's checkpoints 0 and 1
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
    Table other = lake.table("snapshots-plain");
    for (int i = 0; i < 3; i++) {
      lake.commit(other, List.of(lake.write(other, List.of(lake.event("page.viewed", "t", "e", Instant.now(), 10)))), null);
      Thread.sleep(5);
    }
    other.refresh();
    assertThat(SnapshotExpiry.expire(other, Instant.now().plusSeconds(1), 2).snapshotsAfter()).isEqualTo(2);
  }


  @Test
  void orphanCleanupDeletesOnlyOldUnreferencedFilesAndNeverAFileOfAnInFlightCommit() throws Exception {
    Table table = lake.table("orphans");
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


  /** Moves a stored object's modification time back, as if it had been written then. */
  private void age(DataFile file, Instant when) throws IOException {
    String key = file.location().substring(("s3://" + LakeFixture.BUCKET + "/").length());
    Path stored = lake.s3Dir.resolve(LakeFixture.BUCKET).resolve(key);
    assertThat(stored).exists();
    Files.setLastModifiedTime(stored, FileTime.from(when));
  }
}
