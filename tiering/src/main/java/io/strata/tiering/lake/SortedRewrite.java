package io.strata.tiering.lake;

import static java.util.Objects.requireNonNull;

import io.strata.tiering.PartitionFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.SortOrderComparators;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.encryption.EncryptedFiles;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.util.PropertyUtil;

/**
 * Rewrites some data files of one partition into files of a target size, their rows sorted, and
 * commits the swap as one Iceberg {@code RewriteFiles} validated from the snapshot the files were
 * planned from. Appends committed meanwhile (the tier job goes on) never conflict: Iceberg re-applies
 * the rewrite on top of them. Only a concurrent delete of one of the same files fails it, and then the
 * files it wrote are deleted again and the old ones stay.
 *
 * <p>Rows are read and written with Iceberg's own Parquet readers and writers. The sort is an external
 * merge sort: at most {@code rowsInMemory} rows are held at a time, sorted runs spill to local
 * Parquet files, and the runs are merged into the output, so a partition of any size rewrites in
 * bounded memory.
 */
public final class SortedRewrite {
  /** The snapshot property that marks maintenance commits, with the action as its value. */
  public static final String MAINTENANCE_PROPERTY = "strata.maintenance";

  /**
   * What one rewrite did.
   *
   * @param snapshotId the snapshot that committed it
   */
  public record Outcome(int filesBefore, int filesAfter, long bytesBefore, long bytesAfter, long rows, long snapshotId) {}

  /**
   * Row groups per file a rewrite aims at. A sorted file's groups each cover a narrow key range, so a
   * reader filtering on the leading sort columns skips all but one or two of them by their min/max
   * statistics: the more groups, the less it reads, while a footer of a few dozen groups stays small.
   */
  static final int ROW_GROUPS_PER_FILE = 32;
  /** Below this a row group's own overhead (footer entries, page headers, a read each) outweighs what it skips. */
  static final long MIN_ROW_GROUP_BYTES = 128L << 10;
  /** Parquet's default is 128 MB; a cold file of 512 MB still gets 64 groups. */
  static final long MAX_ROW_GROUP_BYTES = 8L << 20;

  private final Table table;
  private final Path spillDir;
  private final int rowsInMemory;

  /**
   * @param spillDir a local directory for sorted runs; each rewrite removes its own
   * @param rowsInMemory the most rows held in memory at once
   */
  public SortedRewrite(Table table, Path spillDir, int rowsInMemory) {
    this.table = requireNonNull(table, "table is null");
    this.spillDir = requireNonNull(spillDir, "spillDir is null");
    if (rowsInMemory < 1) {
      throw new IllegalArgumentException("rowsInMemory must be at least 1, got " + rowsInMemory);
    }
    this.rowsInMemory = rowsInMemory;
  }

  /**
   * Rewrites {@code files} (all of one partition, live in {@code snapshot}).
   *
   * @param compression the Parquet codec of the new files; empty for the table's
   * @param action recorded in the commit's summary under {@link #MAINTENANCE_PROPERTY}
   */
  public Outcome rewrite(LakeSnapshot snapshot, List<PartitionFiles.DataFile> files, long targetFileBytes,
      List<String> sortColumns, Optional<String> compression, String action) throws IOException {
    List<DataFile> old = live(snapshot, files);
    return rewrite(snapshot, old, table.specs().get(old.get(0).specId()), old.get(0).partition(), targetFileBytes, sortColumns,
        compression, action);
  }

  /**
   * Rewrites {@code files} (live in {@code snapshot}, of any partitions) into {@code month}'s partition
   * of the table's month spec: cold days rolled up into their month.
   */
  public Outcome rollUp(LakeSnapshot snapshot, List<PartitionFiles.DataFile> files, PartitionFiles month, long targetFileBytes,
      List<String> sortColumns, String compression, String action) throws IOException {
    List<DataFile> old = live(snapshot, files);
    PartitionSpec spec = MonthSpec.of(table);
    return rewrite(snapshot, old, spec, MonthSpec.partition(spec, table.schema(), month), targetFileBytes, sortColumns,
        Optional.of(compression), action);
  }

  private static List<DataFile> live(LakeSnapshot snapshot, List<PartitionFiles.DataFile> files) {
    List<DataFile> old = snapshot.dataFiles(files);
    if (old.isEmpty()) {
      throw new IllegalArgumentException("nothing to rewrite");
    }
    return old;
  }

  private Outcome rewrite(LakeSnapshot snapshot, List<DataFile> old, PartitionSpec spec, StructLike partition, long targetFileBytes,
      List<String> sortColumns, Optional<String> compression, String action) throws IOException {
    Schema schema = table.schema();
    SortOrder order = sortOrder(schema, sortColumns);
    Comparator<Record> comparator = comparator(schema, order);
    long expectedRows = old.stream().mapToLong(DataFile::recordCount).sum();

    Path runsDir = Files.createDirectories(spillDir).resolve("rewrite-" + UUID.randomUUID());
    Files.createDirectories(runsDir);
    List<DataFile> written = List.of();
    try {
      List<Path> runs = new ArrayList<>();
      List<Record> buffer = new ArrayList<>(Math.min(rowsInMemory, (int) Math.min(expectedRows, Integer.MAX_VALUE)));
      for (DataFile f : old) {
        try (CloseableIterable<Record> rows = read(schema, table.io().newInputFile(f.location()))) {
          for (Record row : rows) {
            buffer.add(row);
            if (buffer.size() == rowsInMemory) {
              runs.add(spill(buffer, comparator, schema, spec, partition, runsDir.resolve("run-" + runs.size() + ".parquet")));
              buffer.clear();
            }
          }
        }
      }
      buffer.sort(comparator);
      // As many files as the bytes need at the target size, split by rows: the rows carry over at about
      // the same compressed size, so each file comes out near bytes / files. (Rolling by the writer's
      // own size estimate would cut files early: it counts buffered rows before compression.)
      long bytesBefore = old.stream().mapToLong(DataFile::fileSizeInBytes).sum();
      long fileCount = Math.max(1, (bytesBefore + targetFileBytes - 1) / targetFileBytes);
      Output out = new Output(writers(schema, order, compression, rowGroupBytes(bytesBefore / fileCount)), outputFiles(), spec,
          partition, (expectedRows + fileCount - 1) / fileCount, splitTargetBytes());
      long rows;
      try (out) {
        rows = runs.isEmpty() ? writeAll(buffer.iterator(), out) : merge(runs, buffer, comparator, schema, out);
      } finally {
        written = out.files;
      }
      if (rows != expectedRows) {
        throw new IllegalStateException("read " + rows + " rows from " + old.size() + " files whose manifests count "
            + expectedRows + ": nothing was committed");
      }
      RewriteFiles rewrite = table.newRewrite()
          .validateFromSnapshot(snapshot.snapshotId())
          .dataSequenceNumber(snapshot.sequenceNumber())
          .set(MAINTENANCE_PROPERTY, action);
      old.forEach(rewrite::deleteFile);
      written.forEach(rewrite::addFile);
      rewrite.commit();
      long snapshotId = table.currentSnapshot().snapshotId();
      return new Outcome(old.size(), written.size(), old.stream().mapToLong(DataFile::fileSizeInBytes).sum(),
          written.stream().mapToLong(DataFile::fileSizeInBytes).sum(), rows, snapshotId);
    } catch (IOException | RuntimeException e) {
      // Nothing references the new files: remove them, the old ones stay live.
      for (DataFile f : written) {
        try {
          table.io().deleteFile(f.location());
        } catch (RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      throw e;
    } finally {
      deleteTree(runsDir);
    }
  }

  /**
   * Rows in sort order. Iceberg's comparators compare values as Iceberg holds them internally (a
   * timestamp as microseconds); generic records hold Java types, so each side is wrapped first.
   */
  static Comparator<Record> comparator(Schema schema, SortOrder order) {
    Comparator<StructLike> internal = SortOrderComparators.forSchema(schema, order);
    InternalRecordWrapper left = new InternalRecordWrapper(schema.asStruct());
    InternalRecordWrapper right = new InternalRecordWrapper(schema.asStruct());
    return (a, b) -> internal.compare(left.wrap(a), right.wrap(b));
  }

  /** An ascending sort on the named columns; the table's own sort order when it is the same, so files record it. */
  static SortOrder sortOrder(Schema schema, List<String> columns) {
    SortOrder.Builder builder = SortOrder.builderFor(schema);
    columns.forEach(builder::asc);
    return builder.build();
  }

  private SortOrder recordedOrder(SortOrder order) {
    SortOrder tables = table.sortOrder();
    return tables.sameOrder(order) ? tables : SortOrder.unsorted();
  }

  /** The row-group size for files of about {@code fileBytes}: {@link #ROW_GROUPS_PER_FILE} groups, within the bounds. */
  static long rowGroupBytes(long fileBytes) {
    return Math.max(MIN_ROW_GROUP_BYTES, Math.min(MAX_ROW_GROUP_BYTES, fileBytes / ROW_GROUPS_PER_FILE));
  }

  /** The table's split size for readers ({@code read.split.target-size}, Iceberg's default 128 MB). */
  private long splitTargetBytes() {
    return PropertyUtil.propertyAsLong(table.properties(), TableProperties.SPLIT_SIZE, TableProperties.SPLIT_SIZE_DEFAULT);
  }

  /**
   * The split offsets a file records: the first row group's, then the first of each later run of groups
   * that reaches {@code targetBytes}. Iceberg's planners (Spark's, Flink's, Trino's) make one split per
   * recorded offset and ignore their target size when a file has offsets, so a file that records every
   * row group (what the writer does) is read as one split per group: for a sorted file of many small
   * groups, thousands of splits that cost more than the groups they skip (measured: 6,061 splits, a
   * timeline 8x slower). Any subset of the groups' starts is a valid set of offsets: recorded this way a
   * file is planned in splits of the table's target size, and a split's reader still skips the groups
   * inside it by their statistics.
   */
  static List<Long> splitOffsets(List<Long> rowGroupOffsets, long targetBytes) {
    if (rowGroupOffsets == null || rowGroupOffsets.isEmpty()) {
      return rowGroupOffsets;
    }
    List<Long> kept = new ArrayList<>();
    kept.add(rowGroupOffsets.get(0));
    for (long offset : rowGroupOffsets) {
      if (offset - kept.get(kept.size() - 1) >= targetBytes) {
        kept.add(offset);
      }
    }
    return List.copyOf(kept);
  }

  private GenericFileWriterFactory writers(Schema schema, SortOrder order, Optional<String> compression, long rowGroupBytes) {
    Map<String, String> properties = new HashMap<>(table.properties());
    properties.put(TableProperties.PARQUET_ROW_GROUP_SIZE_BYTES, Long.toString(rowGroupBytes));
    compression.ifPresent(codec -> {
      properties.put(TableProperties.PARQUET_COMPRESSION, codec);
      if (codec.equals("zstd")) {
        // Cold files are written once and read rarely: a stronger level than the writer's default (3).
        properties.put(TableProperties.PARQUET_COMPRESSION_LEVEL, "9");
      }
    });
    return new GenericFileWriterFactory.Builder(table)
        .dataFileFormat(FileFormat.PARQUET)
        .dataSchema(schema)
        .dataSortOrder(recordedOrder(order))
        .writerProperties(properties)
        .build();
  }

  private OutputFileFactory outputFiles() {
    return OutputFileFactory.builderFor(table, 0, System.currentTimeMillis())
        .format(FileFormat.PARQUET)
        .operationId("maintenance-" + UUID.randomUUID())
        .build();
  }

  private static CloseableIterable<Record> read(Schema schema, InputFile file) {
    return Parquet.read(file).project(schema).createReaderFunc(type -> GenericParquetReaders.buildReader(schema, type)).build();
  }

  /** One sorted run to a local file, fast to write and read back (snappy). */
  private Path spill(List<Record> rows, Comparator<Record> comparator, Schema schema, PartitionSpec spec, StructLike partition,
      Path file) throws IOException {
    rows.sort(comparator);
    Map<String, String> properties = new HashMap<>(table.properties());
    properties.put(TableProperties.PARQUET_COMPRESSION, "snappy");
    GenericFileWriterFactory factory =
        new GenericFileWriterFactory.Builder(table).dataFileFormat(FileFormat.PARQUET).dataSchema(schema).writerProperties(properties).build();
    DataWriter<Record> writer =
        factory.newDataWriter(EncryptedFiles.plainAsEncryptedOutput(org.apache.iceberg.Files.localOutput(file.toFile())), spec, partition);
    try (writer) {
      rows.forEach(writer::write);
    }
    return file;
  }

  /** The new data files, each closed after {@code rowsPerFile} rows. */
  private static final class Output implements AutoCloseable {
    private final GenericFileWriterFactory writers;
    private final OutputFileFactory names;
    private final PartitionSpec spec;
    private final StructLike partition;
    private final long rowsPerFile;
    private final long splitTargetBytes;
    private final List<DataFile> files = new ArrayList<>();
    private DataWriter<Record> current;
    private long rowsInCurrent;

    Output(GenericFileWriterFactory writers, OutputFileFactory names, PartitionSpec spec, StructLike partition, long rowsPerFile,
        long splitTargetBytes) {
      this.writers = writers;
      this.names = names;
      this.spec = spec;
      this.partition = partition;
      this.rowsPerFile = Math.max(1, rowsPerFile);
      this.splitTargetBytes = splitTargetBytes;
    }

    void write(Record row) throws IOException {
      if (current != null && rowsInCurrent == rowsPerFile) {
        closeCurrent();
      }
      if (current == null) {
        current = writers.newDataWriter(names.newOutputFile(spec, partition), spec, partition);
        rowsInCurrent = 0;
      }
      current.write(row);
      rowsInCurrent++;
    }

    private void closeCurrent() throws IOException {
      current.close();
      DataFile written = current.toDataFile();
      files.add(DataFiles.builder(spec).copy(written)
          .withSplitOffsets(splitOffsets(written.splitOffsets(), splitTargetBytes)).build());
      current = null;
    }

    @Override
    public void close() throws IOException {
      if (current != null) {
        closeCurrent();
      }
    }
  }

  private static long writeAll(Iterator<Record> rows, Output out) throws IOException {
    long n = 0;
    while (rows.hasNext()) {
      out.write(rows.next());
      n++;
    }
    return n;
  }

  /** Merges the spilled runs and the last, in-memory one (sorted) into the output. */
  private long merge(List<Path> runs, List<Record> last, Comparator<Record> comparator, Schema schema, Output out)
      throws IOException {
    record Head(Record row, Iterator<Record> rest) {}
    PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> comparator.compare(a.row(), b.row()));
    List<CloseableIterable<Record>> open = new ArrayList<>();
    try {
      List<Iterator<Record>> sources = new ArrayList<>();
      for (Path run : runs) {
        CloseableIterable<Record> rows = read(schema, org.apache.iceberg.Files.localInput(run.toFile()));
        open.add(rows);
        sources.add(rows.iterator());
      }
      sources.add(last.iterator());
      for (Iterator<Record> source : sources) {
        if (source.hasNext()) {
          heads.add(new Head(source.next(), source));
        }
      }
      long n = 0;
      while (!heads.isEmpty()) {
        Head head = heads.poll();
        out.write(head.row());
        n++;
        if (head.rest().hasNext()) {
          heads.add(new Head(head.rest().next(), head.rest()));
        }
      }
      return n;
    } finally {
      for (CloseableIterable<Record> rows : open) {
        rows.close();
      }
    }
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the sorted runs in " + dir, e);
    }
  }
}
