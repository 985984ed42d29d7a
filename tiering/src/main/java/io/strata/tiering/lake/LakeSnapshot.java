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
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The lake's table as maintenance plans against it: the live data files of one snapshot, grouped by
 * partition (day or month of event time x event type), each with the commit time of the snapshot that added it.
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
    Map<PartitionFiles, List<PartitionFiles.DataFile>> byPartition = new HashMap<>();
    Map<String, DataFile> files = new HashMap<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(current.snapshotId()).planFiles()) {
      for (FileScanTask task : tasks) {
        DataFile f = task.file();
        PartitionFiles partition = partitionOf(table.specs().get(f.specId()), f.partition());
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
    byPartition.forEach((p, list) -> partitions.add(new PartitionFiles(p.eventType(), p.start(), p.span(), list)));
    partitions.sort(Comparator.comparing(PartitionFiles::start).thenComparing(PartitionFiles::span).thenComparing(PartitionFiles::eventType));
    return new LakeSnapshot(current.snapshotId(), current.sequenceNumber(), partitions, files);
  }

  /**
   * A data file's partition read by its spec's field names, so a spec with its fields in another order
   * (the month spec lists event_type first) reads the same: a day or month ordinal of event time, and
   * the event type. The partition comes with no files.
   */
  static PartitionFiles partitionOf(PartitionSpec spec, StructLike values) {
    String type = null;
    LocalDate start = null;
    PartitionFiles.Span span = null;
    List<PartitionField> fields = spec.fields();
    for (int i = 0; i < fields.size(); i++) {
      PartitionField field = fields.get(i);
      String transform = field.transform().toString();
      if (field.name().equals("event_type")) {
        type = values.get(i, String.class);
      } else if (transform.equals("day")) {
        start = LocalDate.ofEpochDay(values.get(i, Integer.class));
        span = PartitionFiles.Span.DAY;
      } else if (transform.equals("month")) {
        start = LocalDate.EPOCH.plusMonths(values.get(i, Integer.class));
        span = PartitionFiles.Span.MONTH;
      }
    }
    if (type == null || start == null) {
      throw new IllegalStateException("partition spec " + spec.specId() + " of the events table is not by day or month of event_time"
          + " and event_type: " + spec);
    }
    return new PartitionFiles(type, start, span, List.of());
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
