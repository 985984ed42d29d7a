package io.strata.tiering.lake;

import io.strata.catalog.EventsTable;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.types.Types;

/**
 * The runs table {@code strata.maintenance_runs}: every maintenance action, one row each, for analysts
 * in Trino ({@code SELECT * FROM iceberg.strata.maintenance_runs ORDER BY started_at DESC}). Created on
 * first use; each pass that did something appends one file.
 */
public final class RunLog {
  public static final TableIdentifier IDENTIFIER = TableIdentifier.of(EventsTable.NAMESPACE, "maintenance_runs");

  public static final Schema SCHEMA = new Schema(
      Types.NestedField.required(1, "run_id", Types.StringType.get()),
      Types.NestedField.required(2, "policy", Types.StringType.get()),
      Types.NestedField.required(3, "action", Types.StringType.get()),
      Types.NestedField.optional(4, "partition", Types.StringType.get()),
      Types.NestedField.required(5, "files_before", Types.LongType.get()),
      Types.NestedField.required(6, "files_after", Types.LongType.get()),
      Types.NestedField.required(7, "bytes_before", Types.LongType.get()),
      Types.NestedField.required(8, "bytes_after", Types.LongType.get()),
      Types.NestedField.required(9, "rows", Types.LongType.get()),
      Types.NestedField.required(10, "started_at", Types.TimestampType.withZone()),
      Types.NestedField.required(11, "duration_ms", Types.LongType.get()),
      Types.NestedField.required(12, "outcome", Types.StringType.get()),
      Types.NestedField.required(13, "attempts", Types.IntegerType.get()),
      Types.NestedField.optional(14, "message", Types.StringType.get()),
      Types.NestedField.optional(15, "snapshot_id", Types.LongType.get()));

  private RunLog() {}

  /** The runs table, created when it does not exist yet. */
  public static Table table(Catalog catalog) {
    if (!catalog.tableExists(IDENTIFIER)) {
      try {
        catalog.buildTable(IDENTIFIER, SCHEMA).withPartitionSpec(PartitionSpec.unpartitioned())
            .withProperty("format-version", "2").withProperty("write.parquet.compression-codec", "zstd").create();
      } catch (AlreadyExistsException raced) {
        // created meanwhile by another writer: use that one
      }
    }
    return catalog.loadTable(IDENTIFIER);
  }

  /** Appends the records as one file and one commit. */
  public static void append(Table table, List<RunRecord> records) throws IOException {
    if (records.isEmpty()) {
      return;
    }
    GenericFileWriterFactory writers =
        new GenericFileWriterFactory.Builder(table).dataFileFormat(FileFormat.PARQUET).dataSchema(table.schema()).build();
    OutputFileFactory files = OutputFileFactory.builderFor(table, 0, System.currentTimeMillis())
        .format(FileFormat.PARQUET).operationId("runs-" + UUID.randomUUID()).build();
    DataWriter<Record> writer = writers.newDataWriter(files.newOutputFile(), table.spec(), null);
    try (writer) {
      for (RunRecord r : records) {
        writer.write(row(table.schema(), r));
      }
    }
    DataFile file = writer.toDataFile();
    table.newAppend().appendFile(file).commit();
  }

  private static Record row(Schema schema, RunRecord r) {
    GenericRecord row = GenericRecord.create(schema);
    row.setField("run_id", r.runId());
    row.setField("policy", r.policy());
    row.setField("action", r.action());
    row.setField("partition", r.partition());
    row.setField("files_before", r.filesBefore());
    row.setField("files_after", r.filesAfter());
    row.setField("bytes_before", r.bytesBefore());
    row.setField("bytes_after", r.bytesAfter());
    row.setField("rows", r.rows());
    row.setField("started_at", r.startedAt().atOffset(ZoneOffset.UTC));
    row.setField("duration_ms", r.durationMillis());
    row.setField("outcome", r.outcome());
    row.setField("attempts", r.attempts());
    row.setField("message", r.message());
    row.setField("snapshot_id", r.snapshotId());
    return row;
  }
}
