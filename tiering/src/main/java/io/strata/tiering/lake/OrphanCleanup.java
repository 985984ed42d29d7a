package io.strata.tiering.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ReachableFileUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.BulkDeletionFailureException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.SupportsBulkOperations;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * Deletes files under the table's location that no retained snapshot references and that are older
 * than the policy's minimum age: data files of failed or abandoned writes, metadata of lost commits.
 *
 * <p>Safe beside the writer by age, not by a lock: the streaming writer's data files exist before the
 * commit that references them (for up to a checkpoint interval, longer when a commit is retried or the
 * job waits to restore), and its checkpoint state names manifests of commits still in flight (Iceberg
 * issue 4557). The policy's minimum age (at least an hour; three days by default) is far longer than
 * any of those windows, so a file of an in-flight commit is always too young to go. Everything a
 * retained snapshot reaches is kept whatever its age: metadata files (current and logged), manifest
 * lists, manifests, data and delete files, statistics.
 */
public final class OrphanCleanup {
  /** What one cleanup found and did. */
  public record Outcome(long filesListed, long referenced, long orphans, long tooYoung, long deleted, long bytesDeleted) {}

  private OrphanCleanup() {}

  public static Outcome clean(Table table, Instant olderThan) {
    if (!(table.io() instanceof SupportsPrefixOperations listing)) {
      throw new IllegalStateException("the table's FileIO (" + table.io().getClass().getName() + ") cannot list files");
    }
    // List first, then read what the table references: a file committed while the listing runs is
    // then among the referenced ones.
    List<FileInfo> files = new ArrayList<>();
    listing.listPrefix(table.location()).forEach(files::add);
    table.refresh();
    Set<String> referenced = referenced(table);
    long listed = 0;
    long orphans = 0;
    long young = 0;
    long bytes = 0;
    List<String> delete = new ArrayList<>();
    for (FileInfo file : files) {
      if (file.location().endsWith("/")) {
        continue; // a folder marker some stores list, not a file
      }
      listed++;
      if (referenced.contains(normalize(file.location()))) {
        continue;
      }
      orphans++;
      if (file.createdAtMillis() >= olderThan.toEpochMilli()) {
        young++;
        continue;
      }
      delete.add(file.location());
      bytes += file.size();
    }
    delete(table.io(), delete);
    return new Outcome(listed, referenced.size(), orphans, young, delete.size(), bytes);
  }

  /** Every file a retained snapshot of the table reaches, normalized. */
  static Set<String> referenced(Table table) {
    FileIO io = table.io();
    Set<String> files = new HashSet<>();
    // Not recursive: the current metadata logs its predecessors; older ones were deleted after their
    // commits (write.metadata.delete-after-commit), and reading them only logs errors.
    ReachableFileUtil.metadataFileLocations(table, false).forEach(f -> files.add(normalize(f)));
    ReachableFileUtil.manifestListLocations(table).forEach(f -> files.add(normalize(f)));
    ReachableFileUtil.statisticsFilesLocations(table).forEach(f -> files.add(normalize(f)));
    Set<String> manifestsRead = new HashSet<>();
    for (Snapshot snapshot : table.snapshots()) {
      for (ManifestFile manifest : snapshot.allManifests(io)) {
        if (!manifestsRead.add(manifest.path())) {
          continue;
        }
        files.add(normalize(manifest.path()));
        try (CloseableIterable<String> paths = manifest.content() == ManifestContent.DATA
            ? ManifestFiles.readPaths(manifest, io, table.specs())
            : CloseableIterable.transform(ManifestFiles.readDeleteManifest(manifest, io, table.specs()), f -> f.location())) {
          paths.forEach(p -> files.add(normalize(p)));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read manifest " + manifest.path(), e);
        }
      }
    }
    return files;
  }

  /** One spelling per object: the S3 schemes Hadoop and Iceberg use name the same objects. */
  static String normalize(String location) {
    for (String scheme : List.of("s3a://", "s3n://")) {
      if (location.startsWith(scheme)) {
        return "s3://" + location.substring(scheme.length());
      }
    }
    return location;
  }

  private static void delete(FileIO io, List<String> locations) {
    if (locations.isEmpty()) {
      return;
    }
    if (io instanceof SupportsBulkOperations bulk) {
      try {
        bulk.deleteFiles(locations);
      } catch (BulkDeletionFailureException e) {
        throw new IllegalStateException(e.numberFailedObjects() + " of " + locations.size() + " orphan files could not be deleted", e);
      }
    } else {
      locations.forEach(io::deleteFile);
    }
  }
}
