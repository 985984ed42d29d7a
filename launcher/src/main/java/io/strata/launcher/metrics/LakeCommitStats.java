package io.strata.launcher.metrics;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.SnapshotSummary;

/**
 * Files and rows per lake commit, from the lake table's snapshot summaries. A figure that does not
 * exist (no snapshot yet, no append among the ancestors) is NaN, which the reporter leaves out.
 *
 * @param commits snapshots in the table's metadata
 * @param lastCommitDataFiles data files the current snapshot added
 * @param lastCommitRecords rows the current snapshot added
 * @param dataFilesPerCommit mean data files added by the last {@value #WINDOW} appends, empty ones
 *     included
 */
record LakeCommitStats(
    long commits, double lastCommitDataFiles, double lastCommitRecords, double dataFilesPerCommit) {
  /** Appends the mean is taken over, so that it follows the recent commits. */
  static final int WINDOW = 20;

  LakeCommitStats {
    if (commits < 0) {
      throw new IllegalArgumentException("commits must be >= 0, got " + commits);
    }
  }

  /** A snapshot as its summary describes it; the operation is null in old metadata. */
  record Commit(String operation, Map<String, String> summary) {
    Commit {
      requireNonNull(summary, "summary is null");
    }

    boolean isAppend() {
      return DataOperations.APPEND.equals(operation);
    }

    // Iceberg writes the added-* keys only when something was added.
    long addedDataFiles() {
      return Long.parseLong(summary.getOrDefault(SnapshotSummary.ADDED_FILES_PROP, "0"));
    }

    long addedRecords() {
      return Long.parseLong(summary.getOrDefault(SnapshotSummary.ADDED_RECORDS_PROP, "0"));
    }
  }

  /**
   * @param commits snapshots in the table's metadata
   * @param ancestry the current snapshot, then its parents, newest first; empty for a table without
   *     snapshots. Only the first {@value #WINDOW} appends count, so callers may stop there.
   */
  static LakeCommitStats of(long commits, List<Commit> ancestry) {
    if (ancestry.isEmpty()) {
      return new LakeCommitStats(commits, Double.NaN, Double.NaN, Double.NaN);
    }
    Commit current = ancestry.get(0);
    double perCommit =
        ancestry.stream()
            .filter(Commit::isAppend)
            .limit(WINDOW)
            .mapToLong(Commit::addedDataFiles)
            .average()
            .orElse(Double.NaN);
    return new LakeCommitStats(commits, current.addedDataFiles(), current.addedRecords(), perCommit);
  }
}
