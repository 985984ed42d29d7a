package io.strata.tiering;

import io.strata.tiering.MaintenancePlan.Action;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a policy decides for a table's partitions at a given time, in plain Java with the time passed in.
 * For each partition it governs, the first that applies of:
 *
 * <ol>
 *   <li>expire: the partition's day ended at least {@code expire-after} ago (whole partitions only);
 *   <li>make cold: the day ended at least {@code cold.after} ago and the partition has more files than
 *       its bytes need at the cold target size;
 *   <li>compact: of its files at least {@code compaction.after} old, more than the policy allows, which
 *       is {@code max-files-per-partition} or the files their bytes need at the target size, whichever
 *       is more (so a compacted partition is left alone until new files arrive). Only the small files
 *       (under three quarters of the target) are rewritten when that is enough to come within it;
 *       otherwise all of them.
 * </ol>
 */
public final class PolicyDecisions {
  private PolicyDecisions() {}

  public static MaintenancePlan decide(TieringPolicy policy, List<PartitionFiles> partitions, Instant now) {
    List<Action> actions = new ArrayList<>();
    for (PartitionFiles partition : partitions) {
      if (!policy.governs(partition.eventType()) || partition.files().isEmpty()) {
        continue;
      }
      if (policy.expireAfter().isPresent() && !partition.end().plus(policy.expireAfter().get()).isAfter(now)) {
        actions.add(new MaintenancePlan.Expire(partition, partition.files()));
        continue;
      }
      if (policy.cold().isPresent() && !partition.end().plus(policy.cold().get().after()).isAfter(now)) {
        TieringPolicy.Cold cold = policy.cold().get();
        int needed = filesFor(partition.bytes(), cold.targetFileBytes());
        if (partition.files().size() > needed) {
          actions.add(new MaintenancePlan.MakeCold(partition, partition.files(), needed, cold.targetFileBytes(),
              cold.compression(), policy.compaction().sortOrder()));
        }
        continue;
      }
      TieringPolicy.Compaction compaction = policy.compaction();
      Instant settled = now.minus(compaction.after());
      List<PartitionFiles.DataFile> old =
          partition.files().stream().filter(f -> !f.committedAt().isAfter(settled)).toList();
      long bytes = old.stream().mapToLong(PartitionFiles.DataFile::bytes).sum();
      int allowed = Math.max(compaction.maxFilesPerPartition(), filesFor(bytes, compaction.targetFileBytes()));
      if (old.size() > allowed) {
        // Files already near the target size stay as they are when merging only the small ones brings
        // the partition within what the policy allows: a compacted partition is not rewritten whole
        // each time a few new files arrive.
        List<PartitionFiles.DataFile> small = old.stream().filter(f -> f.bytes() < smallBelow(compaction.targetFileBytes())).toList();
        long smallBytes = small.stream().mapToLong(PartitionFiles.DataFile::bytes).sum();
        int smallAfter = filesFor(smallBytes, compaction.targetFileBytes());
        List<PartitionFiles.DataFile> rewrite =
            small.size() >= 2 && old.size() - small.size() + smallAfter <= allowed ? small : old;
        long rewriteBytes = rewrite == small ? smallBytes : bytes;
        actions.add(new MaintenancePlan.Compact(partition, rewrite, filesFor(rewriteBytes, compaction.targetFileBytes()),
            compaction.targetFileBytes(), compaction.sortOrder()));
      }
    }
    return new MaintenancePlan(policy, actions, now.minus(policy.snapshotRetention()), policy.minSnapshots(),
        now.minus(policy.orphanMinAge()));
  }

  /** Files smaller than this (three quarters of the target, as Iceberg's own rewrites count) are small. */
  static long smallBelow(long targetFileBytes) {
    return targetFileBytes / 4 * 3;
  }

  /** Files of the target size that {@code bytes} need: at least one. */
  static int filesFor(long bytes, long targetFileBytes) {
    return (int) Math.max(1, (bytes + targetFileBytes - 1) / targetFileBytes);
  }
}
