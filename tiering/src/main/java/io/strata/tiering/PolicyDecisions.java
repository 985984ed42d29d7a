package io.strata.tiering;

import io.strata.tiering.MaintenancePlan.Action;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a policy decides for a table's partitions at a given time, in plain Java with the time passed in.
 * For each partition it governs, the first that applies of:
 *
 * <ol>
 *   <li>expire: the partition's span (its day, or its month) ended at least {@code expire-after} ago
 *       (whole partitions only);
 *   <li>make cold: its month ended at least {@code cold.after} ago. A month turns cold whole: the day
 *       partitions of a cold month (of one event type) are rolled up, sorted, into that month's
 *       partition, in as few files as their bytes need at the cold target size, with the cold codec. A
 *       day partition can hold only a day's rows, so its files cannot grow past them (2.4 MB a day and
 *       type at 10 million events a month); a month's can. Days that arrive for a month already rolled
 *       up (late events) are merged with the month's files; a month partition with more files than its
 *       bytes need (a changed target size) is merged again;
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
    // Cold months: their day partitions to roll up, and the month partitions that already hold some.
    Map<PartitionFiles, List<PartitionFiles>> coldDays = new LinkedHashMap<>();
    Map<PartitionFiles, PartitionFiles> coldMonths = new LinkedHashMap<>();
    for (PartitionFiles partition : partitions) {
      if (!policy.governs(partition.eventType()) || partition.files().isEmpty()) {
        continue;
      }
      if (policy.expireAfter().isPresent() && !partition.end().plus(policy.expireAfter().get()).isAfter(now)) {
        actions.add(new MaintenancePlan.Expire(partition, partition.files()));
        continue;
      }
      // A month turns cold whole, counted from its end.
      if (policy.cold().isPresent() && !partition.monthPartition().end().plus(policy.cold().get().after()).isAfter(now)) {
        if (partition.span() == PartitionFiles.Span.DAY) {
          coldDays.computeIfAbsent(partition.monthPartition(), k -> new ArrayList<>()).add(partition);
        } else {
          coldMonths.put(partition.monthPartition(), partition);
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
    policy.cold().ifPresent(cold -> {
      coldDays.forEach((month, days) -> {
        // Days rolled into a month that already holds files (late events) are merged with them, so a
        // month is always in as few files as its bytes need, however its days arrived.
        PartitionFiles target = coldMonths.getOrDefault(month, month);
        List<PartitionFiles.DataFile> files = new ArrayList<>(target.files());
        days.forEach(d -> files.addAll(d.files()));
        long bytes = files.stream().mapToLong(PartitionFiles.DataFile::bytes).sum();
        actions.add(new MaintenancePlan.MakeCold(target, files, filesFor(bytes, cold.targetFileBytes()), cold.targetFileBytes(),
            cold.compression(), policy.compaction().sortOrder()));
      });
      coldMonths.forEach((key, month) -> {
        int needed = filesFor(month.bytes(), cold.targetFileBytes());
        if (!coldDays.containsKey(key) && month.files().size() > needed) {
          actions.add(new MaintenancePlan.MakeCold(month, month.files(), needed, cold.targetFileBytes(), cold.compression(),
              policy.compaction().sortOrder()));
        }
      });
    });
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
