package io.strata.tiering.lake;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * Expires snapshots older than the policy's time-travel window, keeping the newest {@code minCount}
 * and, whatever their age, the streaming writer's newest commit and everything after it.
 *
 * <p>Why the writer's commit: Iceberg's Flink sink finds, on a restore, the last checkpoint it
 * committed by walking back from the current snapshot to its own newest one
 * ({@code flink.max-committed-checkpoint-id}). Were that snapshot expired (say the writer was stopped
 * for longer than the window while maintenance committed rewrites), the restore would find none and
 * commit the restored checkpoint's files a second time (Iceberg issues 5846, 4137). Files that only
 * expired snapshots reference are deleted by Iceberg in the same call.
 */
public final class SnapshotExpiry {
  /** The summary key Iceberg's Flink sink writes on each of its commits. */
  static final String WRITER_CHECKPOINT = "flink.max-committed-checkpoint-id";

  /** What one expiry did; {@code keptForWriter} when the writer's snapshot moved the cut-off back. */
  public record Outcome(int snapshotsBefore, int snapshotsAfter, Instant cutoff, boolean keptForWriter) {}

  private SnapshotExpiry() {}

  public static Outcome expire(Table table, Instant olderThan, int minCount) {
    List<Snapshot> before = StreamSupport.stream(table.snapshots().spliterator(), false).toList();
    Optional<Snapshot> writer = before.stream()
        .filter(s -> s.summary() != null && s.summary().containsKey(WRITER_CHECKPOINT))
        .max(java.util.Comparator.comparingLong(Snapshot::sequenceNumber));
    Instant cutoff = olderThan;
    boolean keptForWriter = false;
    if (writer.isPresent() && writer.get().timestampMillis() < cutoff.toEpochMilli()) {
      cutoff = Instant.ofEpochMilli(writer.get().timestampMillis());
      keptForWriter = true;
    }
    boolean anyOlder = before.stream().anyMatch(s -> s.timestampMillis() < olderThan.toEpochMilli());
    if (before.size() > minCount && anyOlder) {
      table.expireSnapshots().expireOlderThan(cutoff.toEpochMilli()).retainLast(minCount).cleanExpiredFiles(true).commit();
      table.refresh();
    }
    int after = (int) StreamSupport.stream(table.snapshots().spliterator(), false).count();
    return new Outcome(before.size(), after, cutoff, keptForWriter);
  }
}
