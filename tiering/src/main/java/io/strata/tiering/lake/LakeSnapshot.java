package io.strata.tiering.lake;

import io.strata.tiering.PartitionFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The lake's table as maintenance plans against it: the live data files of one snapshot, grouped by
 * partition (day of event time x event type), each with the commit time of the snapshot that added it.
 * A rewrite planned from here validates against this snapshot, so files appended after it are never
 * touched and never conflict.
 *
 * @param snapshotId the snapshot read; -1 for an empty table
 * @param sequenceNumber its sequence number (rewritten files keep it: Iceberg's "starting sequence number")
 * @param partitions partitions with their files, by day then event type
 * @param files the Iceberg data files by location, for the commits
 */
public record LakeSnapshot(long snapshotId, long sequenceNumber, List<PartitionFiles> partitions, Map<String, DataFile> files) {
  public LakeSnapshot {
    partitions = List.copyOf(partitions);
    files = Map.copyOf(files);
  }

  public static LakeSnapshot read(Table table) {
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return new LakeSnapshot(-1, 0, List.of(), Map.of());
    }
    Map<Long, Long> committedAtBySequence = new HashMap<>();
    table.snapshots().forEach(s -> committedAtBySequence.put(s.sequenceNumber(), s.timestampMillis()));
    record Partition(int days, String eventType) {}
    Map<Partition, List<PartitionFiles.DataFile>> byPartition = new HashMap<>();
    Map<String, DataFile> files = new HashMap<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(current.snapshotId()).planFiles()) {
      for (FileScanTask task : tasks) {
        DataFile f = task.file();
        Partition partition = new Partition(f.partition().get(0, Integer.class), f.partition().get(1, String.class));
        // An expired snapshot's commit time is gone: its files count as old, which they are.
        long committed = committedAtBySequence.getOrDefault(f.dataSequenceNumber(), 0L);
        byPartition.computeIfAbsent(partition, k -> new ArrayList<>())
            .add(new PartitionFiles.DataFile(f.location(), f.fileSizeInBytes(), f.recordCount(), Instant.ofEpochMilli(committed)));
        files.put(f.location(), f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot plan the files of " + table.name(), e);
    }
    List<PartitionFiles> partitions = new ArrayList<>();
    byPartition.forEach((p, list) -> partitions.add(new PartitionFiles(p.eventType(), LocalDate.ofEpochDay(p.days()), list)));
    partitions.sort(Comparator.comparing(PartitionFiles::day).thenComparing(PartitionFiles::eventType));
    return new LakeSnapshot(current.snapshotId(), current.sequenceNumber(), partitions, files);
  }

  /** The Iceberg data files behind some of this snapshot's files. */
  public List<DataFile> dataFiles(List<PartitionFiles.DataFile> some) {
    List<DataFile> out = new ArrayList<>(some.size());
    for (PartitionFiles.DataFile f : some) {
      DataFile d = files.get(f.path());
      if (d == null) {
        throw new IllegalArgumentException(f.path() + " is not a live file of snapshot " + snapshotId);
      }
      out.add(d);
    }
    return out;
  }
}
