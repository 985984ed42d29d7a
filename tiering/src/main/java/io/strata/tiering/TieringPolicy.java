package io.strata.tiering;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One tiering policy as its file declares it: for a table, and optionally for some of its event types
 * (event type is a partition dimension of {@code strata.events}, so a policy acts on whole partitions).
 *
 * @param name the policy's name, in the maintenance log
 * @param table the table it governs
 * @param eventTypes the event types whose partitions it governs; empty for all
 * @param hotLogRetention how long the hot log keeps records (never before the lake has committed them)
 * @param compaction how fresh partitions are compacted
 * @param cold when months turn cold and how their days are rolled up then; empty for never
 * @param expireAfter when partitions are deleted, counted from the end of the partition's day; empty for never
 * @param snapshotRetention how long snapshots are kept: the time-travel window
 * @param minSnapshots snapshots kept however old (the newest ones)
 * @param orphanMinAge files not referenced by any snapshot are deleted once older than this
 * @param file the file it came from, for messages
 */
public record TieringPolicy(
    String name,
    String table,
    Set<String> eventTypes,
    Duration hotLogRetention,
    Compaction compaction,
    Optional<Cold> cold,
    Optional<Duration> expireAfter,
    Duration snapshotRetention,
    int minSnapshots,
    Duration orphanMinAge,
    String file) {

  /**
   * Compaction of fresh partitions.
   *
   * @param after files younger than this are left for a later run (the writer may still be adding to the partition)
   * @param targetFileBytes the size of the files a compaction writes
   * @param maxFilesPerPartition a partition with more files than this (of those old enough) is compacted
   * @param sortOrder the columns rows are sorted by inside the files a compaction writes
   */
  public record Compaction(Duration after, long targetFileBytes, int maxFilesPerPartition, List<String> sortOrder) {
    public Compaction {
      requireNonNull(after, "after is null");
      sortOrder = List.copyOf(sortOrder);
    }
  }

  /**
   * Cold months: their day partitions rolled up into one partition per month and event type, in bigger
   * files with stronger compression.
   *
   * @param after counted from the end of the month
   * @param targetFileBytes the size of the files the cold rewrite writes
   * @param compression the Parquet codec of those files
   */
  public record Cold(Duration after, long targetFileBytes, String compression) {
    public Cold {
      requireNonNull(after, "after is null");
      requireNonNull(compression, "compression is null");
    }
  }

  public TieringPolicy {
    requireNonNull(name, "name is null");
    requireNonNull(table, "table is null");
    eventTypes = Set.copyOf(eventTypes);
    requireNonNull(hotLogRetention, "hotLogRetention is null");
    requireNonNull(compaction, "compaction is null");
    requireNonNull(cold, "cold is null");
    requireNonNull(expireAfter, "expireAfter is null");
    requireNonNull(snapshotRetention, "snapshotRetention is null");
    requireNonNull(orphanMinAge, "orphanMinAge is null");
    requireNonNull(file, "file is null");
  }

  /** Whether this policy governs the partitions of an event type. */
  public boolean governs(String eventType) {
    return eventTypes.isEmpty() || eventTypes.contains(eventType);
  }
}
