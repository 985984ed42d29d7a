package io.strata.tiering.lake;

import io.strata.catalog.CatalogConfig;
import io.strata.catalog.CatalogServer;
import io.strata.catalog.EventsTable;
import io.strata.embedded.EmbeddedS3;
import io.strata.embedded.S3Credentials;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.rest.RESTCatalog;

/**
 * A real S3-compatible store and the Strata REST catalog (on SQLite), with the events table the
 * catalog creates, and rows written into it the way a streaming writer does: one small file per
 * partition per commit.
 */
final class LakeFixture implements AutoCloseable {
  static final String BUCKET = "strata-lake";

  private final EmbeddedS3 s3;
  private final CatalogServer server;
  final RESTCatalog catalog;
  final Path s3Dir;
  private final Random random = new Random(42);
  private long nextOffset;

  private LakeFixture(EmbeddedS3 s3, CatalogServer server, RESTCatalog catalog, Path s3Dir) {
    this.s3 = s3;
    this.server = server;
    this.catalog = catalog;
    this.s3Dir = s3Dir;
  }

  static LakeFixture start(Path dir) throws Exception {
    S3Credentials credentials = new S3Credentials("strata-it", "strata-it-secret");
    Path s3Dir = dir.resolve("s3");
    EmbeddedS3 s3 = EmbeddedS3.start(s3Dir, 0, credentials);
    s3.ensureBucket(BUCKET);
    Map<String, String> properties = new HashMap<>();
    properties.put(CatalogConfig.PORT, "0");
    properties.put(CatalogConfig.JDBC_URL, "jdbc:sqlite:" + dir.resolve("catalog").resolve("catalog.db"));
    properties.put(CatalogConfig.NAME, "strata");
    properties.put(CatalogConfig.WAREHOUSE, "s3://" + BUCKET + "/warehouse");
    properties.put(CatalogConfig.S3_ENDPOINT, s3.endpoint().toString());
    properties.put(CatalogConfig.S3_ACCESS_KEY, credentials.accessKey());
    properties.put(CatalogConfig.S3_SECRET_KEY, credentials.secretKey());
    CatalogServer server = CatalogServer.start(CatalogConfig.fromProperties(properties));
    RESTCatalog catalog = new RESTCatalog();
    catalog.initialize("lake-it", new HashMap<>(Map.of("uri", server.uri().toString())));
    return new LakeFixture(s3, server, catalog, s3Dir);
  }

  Table events() {
    return catalog.loadTable(EventsTable.IDENTIFIER);
  }

  /** One event row; the payload is random text of {@code payloadChars}, so files have real sizes. */
  Record event(String type, String tenant, String entity, Instant eventTime, int payloadChars) {
    GenericRecord r = GenericRecord.create(EventsTable.SCHEMA);
    StringBuilder payload = new StringBuilder("{\"n\":\"");
    for (int i = 0; i < payloadChars; i++) {
      payload.append((char) ('a' + random.nextInt(26)));
    }
    payload.append("\"}");
    r.setField("event_id", UUID.randomUUID().toString());
    r.setField("event_type", type);
    r.setField("schema_version", 1);
    r.setField("tenant_id", tenant);
    r.setField("entity_id", entity);
    r.setField("event_time", eventTime.atOffset(ZoneOffset.UTC));
    r.setField("ingest_time", eventTime.atOffset(ZoneOffset.UTC));
    r.setField("source", "lake-it");
    r.setField("correlation_id", "c");
    r.setField("causation_id", null);
    r.setField("key", tenant + "/" + entity);
    r.setField("payload", payload.toString());
    r.setField("log_partition", 0);
    r.setField("log_offset", nextOffset++);
    return r;
  }

  /** Writes rows of one partition to a new data file, without committing it. */
  DataFile write(Table table, List<Record> rows) throws IOException {
    GenericFileWriterFactory writers =
        new GenericFileWriterFactory.Builder(table).dataFileFormat(FileFormat.PARQUET).dataSchema(table.schema()).build();
    OutputFileFactory files = OutputFileFactory.builderFor(table, 1, System.nanoTime()).format(FileFormat.PARQUET).build();
    PartitionKey key = new PartitionKey(table.spec(), table.schema());
    key.partition(new InternalRecordWrapper(table.schema().asStruct()).wrap(rows.get(0)));
    DataWriter<Record> writer = writers.newDataWriter(files.newOutputFile(key), table.spec(), key.copy());
    try (writer) {
      rows.forEach(writer::write);
    }
    return writer.toDataFile();
  }

  /** Commits files the way Iceberg's Flink sink does, with its checkpoint marker in the summary when given. */
  void commit(Table table, List<DataFile> files, Long writerCheckpoint) {
    AppendFiles append = table.newAppend();
    files.forEach(append::appendFile);
    if (writerCheckpoint != null) {
      append.set(SnapshotExpiry.WRITER_CHECKPOINT, Long.toString(writerCheckpoint));
    }
    append.commit();
  }

  /** Every row's event id and payload, in no order: what a compaction must keep exactly. */
  static List<String> contents(Table table) throws IOException {
    table.refresh();
    List<String> out = new ArrayList<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).select("event_id", "payload").build()) {
      rows.forEach(r -> out.add(r.getField("event_id") + " " + r.getField("payload")));
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    catalog.close();
    server.close();
    s3.close();
  }
}
