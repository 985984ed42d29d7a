package io.strata.launcher.bench;

import io.strata.catalog.EventsTable;
import io.strata.catalog.RestClientProperties;
import io.strata.launcher.console.Progress;
import io.strata.launcher.generate.EventChecksum;
import io.strata.launcher.generate.EventGenerator;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.util.SnapshotUtil;

/** Follows the lake table's commits through the REST catalog, as a reader of the lake sees them. */
public final class LakeWatch implements AutoCloseable {
  private final RESTCatalog catalog = new RESTCatalog();

  /** One snapshot of the lake table. */
  record Commit(long snapshotId, Long parentId, long timestampMillis, long totalRecords, long addedDataFiles) {
    static Commit of(Snapshot snapshot) {
      Map<String, String> summary = snapshot.summary();
      return new Commit(
          snapshot.snapshotId(),
          snapshot.parentId(),
          snapshot.timestampMillis(),
          Long.parseLong(summary.getOrDefault("total-records", "0")),
          Long.parseLong(summary.getOrDefault("added-data-files", "0")));
    }
  }

  public LakeWatch(String catalogUri, Optional<String> token) {
    catalog.initialize("strata-bench", RestClientProperties.of(catalogUri, token));
  }

  private Table table() {
    return catalog.loadTable(EventsTable.IDENTIFIER);
  }

  /** The current snapshot's ancestry, oldest first. */
  List<Commit> commits() {
    return commits(table());
  }

  private static List<Commit> commits(Table table) {
    List<Commit> commits = new ArrayList<>();
    SnapshotUtil.currentAncestors(table).forEach(snapshot -> commits.add(Commit.of(snapshot)));
    Collections.reverse(commits);
    return commits;
  }

  /**
   * Waits until the table holds {@code expected} rows and returns the commit that made it so.
   *
   * @throws IllegalStateException when the table holds more (exactly-once broken) or stops growing
   *     for {@code stall}
   */
  Commit awaitTotal(long expected, Duration stall) throws InterruptedException {
    long lastTotal = -1;
    long lastGrowth = System.nanoTime();
    while (true) {
      List<Commit> commits = commits();
      long total = commits.isEmpty() ? 0 : commits.get(commits.size() - 1).totalRecords();
      if (total > expected) {
        throw new IllegalStateException(
            "the lake holds " + total + " rows, more than the " + expected + " unique events sent");
      }
      if (total == expected) {
        return commits.stream().filter(c -> c.totalRecords() == expected).findFirst().orElseThrow();
      }
      if (total != lastTotal) {
        lastTotal = total;
        lastGrowth = System.nanoTime();
      } else if (System.nanoTime() - lastGrowth > stall.toNanos()) {
        throw new IllegalStateException(
            "the lake stopped at " + total + " of " + expected + " rows for " + stall.toSeconds() + " s");
      }
      Thread.sleep(250);
    }
  }

  /** Called for each event id a commit added. */
  @FunctionalInterface
  interface EventIdVisitor {
    void visit(Commit commit, String eventId);
  }

  /**
   * Visits the event ids that each commit after {@code afterSnapshotId} added, commit by commit, oldest
   * first, and returns the last commit visited ({@code afterSnapshotId}'s own when there is none newer).
   * Commits that rewrite files (maintenance) add no events and are passed over.
   *
   * @throws IllegalStateException when {@code afterSnapshotId} is no longer among the table's snapshots
   *     (snapshot expiry removed it before this caught up)
   */
  long forEachEventIdAfter(long afterSnapshotId, EventIdVisitor visitor) throws IOException {
    Table table = table();
    List<Commit> commits = commits(table);
    int start = indexOf(commits, afterSnapshotId);
    for (Commit commit : commits.subList(start + 1, commits.size())) {
      try (CloseableIterable<Record> rows =
          IcebergGenerics.read(table).select("event_id").appendsBetween(commit.parentId(), commit.snapshotId()).build()) {
        for (Record row : rows) {
          visitor.visit(commit, (String) row.getField("event_id"));
        }
      }
    }
    return commits.get(commits.size() - 1).snapshotId();
  }

  private static int indexOf(List<Commit> commits, long snapshotId) {
    for (int i = 0; i < commits.size(); i++) {
      if (commits.get(i).snapshotId() == snapshotId) {
        return i;
      }
    }
    throw new IllegalStateException("snapshot " + snapshotId + " is no longer in the table's history (expired by"
        + " maintenance?): the commits after it cannot be followed; keep snapshots longer than the reader's poll interval");
  }

  /**
   * For each event the commits after {@code afterSnapshotId} added, the commit's time, by the event's
   * generator sequence number.
   */
  Map<Long, Long> commitTimesAfter(long afterSnapshotId) throws IOException {
    Map<Long, Long> bySequence = new HashMap<>();
    forEachEventIdAfter(
        afterSnapshotId,
        (commit, eventId) -> {
          long sequence = EventGenerator.sequenceOf(eventId);
          if (bySequence.put(sequence, commit.timestampMillis()) != null) {
            throw new IllegalStateException("event #" + sequence + " is in the lake twice");
          }
        });
    return bySequence;
  }

  /** Rows of the table's current snapshot, from its summary; 0 for an empty table. */
  public long rows() {
    Snapshot current = table().currentSnapshot();
    return current == null ? 0 : Long.parseLong(current.summary().getOrDefault("total-records", "0"));
  }

  /** The checksum of every event in the table's current snapshot, read from the data files. */
  public EventChecksum checksum(Progress progress) throws IOException {
    return checksum(IcebergGenerics.read(table()), progress);
  }

  /** The checksum of every event in snapshot {@code snapshotId}, read from the data files. */
  EventChecksum checksumAt(long snapshotId, Progress progress) throws IOException {
    return checksum(IcebergGenerics.read(table()).useSnapshot(snapshotId), progress);
  }

  private static EventChecksum checksum(IcebergGenerics.ScanBuilder scan, Progress progress) throws IOException {
    EventChecksum checksum = new EventChecksum();
    try (CloseableIterable<Record> rows = scan.select("tenant_id", "event_id", "payload").build()) {
      for (Record row : rows) {
        checksum.add((String) row.getField("tenant_id"), (String) row.getField("event_id"), (String) row.getField("payload"));
        progress.update(checksum.count());
      }
    }
    progress.done(checksum.count());
    return checksum;
  }

  @Override
  public void close() throws IOException {
    catalog.close();
  }
}
