package io.strata.tiering.lake;

import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * Rewrites the table's data manifests into as few as their entries need, one set per partition spec.
 *
 * <p>Why: every query plans by reading every data manifest of the current snapshot. The streaming
 * writer adds one at each commit and Iceberg merges them only once 100 have gathered
 * ({@code commit.manifest.min-count-to-merge}); each rewrite of maintenance leaves more, with the
 * entries of the files it replaced marked deleted. 79 manifests after one compaction pass cost Trino
 * about 260 ms of planning per query (strata bench-lake). Iceberg's Flink maintenance has no manifest
 * rewrite; this is Iceberg's own {@code RewriteManifests}, which keeps every entry's sequence numbers
 * and never conflicts with appends committed meanwhile.
 */
public final class ManifestRewrite {
  /** Below this many data manifests planning reads little: they are left alone. */
  static final int MIN_MANIFESTS = 20;

  /** What one rewrite did. */
  public record Outcome(int manifestsBefore, int manifestsAfter, long snapshotId) {}

  private ManifestRewrite() {}

  /** Rewrites the data manifests when there are at least {@link #MIN_MANIFESTS}; empty when there are fewer. */
  public static Optional<Outcome> rewrite(Table table) {
    table.refresh();
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return Optional.empty();
    }
    int before = current.dataManifests(table.io()).size();
    if (before < MIN_MANIFESTS) {
      return Optional.empty();
    }
    table.rewriteManifests()
        .clusterBy(file -> file.specId())
        .set(SortedRewrite.MAINTENANCE_PROPERTY, "rewrite-manifests")
        .commit();
    table.refresh();
    Snapshot after = table.currentSnapshot();
    return Optional.of(new Outcome(before, after.dataManifests(table.io()).size(), after.snapshotId()));
  }
}
