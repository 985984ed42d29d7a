package io.strata.tiering;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * What one policy would do to its partitions at one moment: rewrites and deletions of partitions, and
 * the cut-offs of snapshot expiry and orphan-file cleanup.
 *
 * @param actions at most one per partition
 * @param expireSnapshotsBefore snapshots committed before this may be expired (keeping {@code minSnapshots})
 * @param minSnapshots the newest snapshots kept however old
 * @param deleteOrphansBefore unreferenced files last modified before this may be deleted
 */
public record MaintenancePlan(TieringPolicy policy, List<Action> actions, Instant expireSnapshotsBefore, int minSnapshots,
    Instant deleteOrphansBefore) {

  /** What to do to one partition. */
  public sealed interface Action permits Compact, MakeCold, Expire {
    PartitionFiles partition();

    /** The data files the action rewrites or deletes. */
    List<PartitionFiles.DataFile> files();

    /** How many data files the partition holds afterwards (of those the action touches). */
    int filesAfter();
  }

  /** Rewrite these files of a fresh partition, sorted, into files of the target size. */
  public record Compact(PartitionFiles partition, List<PartitionFiles.DataFile> files, int filesAfter, long targetFileBytes,
      List<String> sortOrder) implements Action {}

  /**
   * Rewrite files of a cold month, sorted, into bigger files with stronger compression, in the month's
   * partition: the files of its day partitions (rolled up), or of the month partition itself (merged).
   *
   * @param partition the month partition the new files go to, with the files it holds now
   */
  public record MakeCold(PartitionFiles partition, List<PartitionFiles.DataFile> files, int filesAfter, long targetFileBytes,
      String compression, List<String> sortOrder) implements Action {}

  /** Delete the whole partition: its day is past the policy's age. */
  public record Expire(PartitionFiles partition, List<PartitionFiles.DataFile> files) implements Action {
    @Override
    public int filesAfter() {
      return 0;
    }
  }

  public MaintenancePlan {
    requireNonNull(policy, "policy is null");
    actions = List.copyOf(actions);
    requireNonNull(expireSnapshotsBefore, "expireSnapshotsBefore is null");
    requireNonNull(deleteOrphansBefore, "deleteOrphansBefore is null");
  }
}
