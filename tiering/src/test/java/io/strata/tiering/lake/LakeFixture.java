package io.strata.tiering.lake;

import io.strata.catalog.CatalogConfig;
import io.strata.catalog.CatalogServer;
import io.strata.catalog.EventsTable;
import io.strata.embedded.EmbeddedS3;
import io.strata.embedded.S3Credentials;
import io.strata.tiering.TieringPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.rest.RESTCatalog;

/**
 * A real S3-compatible store and the Strata REST catalog (on SQLite), with the events table the
 * catalog creates, and rows written into it the way a streaming writer does: one small file per
 * partition per commit.
 */
final class LakeFixture implements AutoCloseable {
  static final String BUCKET = "strata-lake";
  static final long MB = 1L << 20;
  static final List<String> SORT = List.of("tenant_id", "entity_id", "event_time");

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
  /** A new events table of its own in namespace {@code it}, with the events table's schema, spec and properties. */
  Table table(String name) {
    if (!catalog.namespaceExists(Namespace.of("it"))) {
      catalog.createNamespace(Namespace.of("it"));
    }
    return catalog.createTable(TableIdentifier.of("it", name), EventsTable.SCHEMA, EventsTable.SPEC, EventsTable.PROPERTIES);
  }

  /** {@code commits} small commits of {@code rows} rows each into one partition (type x day), over 40 entities of 3 tenants. */
  void stream(Table table, String type, LocalDate day, int commits, int rows) throws IOException {
    Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    for (int c = 0; c < commits; c++) {
      List<Record> batch = new ArrayList<>();
      for (int i = 0; i < rows; i++) {
        int n = c * rows + i;
        batch.add(event(type, "tenant-" + (n % 3), "entity-" + (n * 7 % 40), start.plusSeconds((n * 13L) % 86_000), 1000));
      }
      commit(table, List.of(write(table, batch)), (long) c);
    }
  }

  /** A compaction policy for every event type, with no cold tier. */
  static TieringPolicy policy(long targetBytes, int maxFiles, Optional<Duration> expireAfter) {
    return new TieringPolicy("it", "strata.events", Set.of(), Duration.ofDays(7),
        new TieringPolicy.Compaction(Duration.ZERO, targetBytes, maxFiles, SORT), Optional.empty(), expireAfter,
        Duration.ofDays(3), 1, Duration.ofDays(3), "it.yaml");
  }

  /** The live data files of one event type's partitions, of any spec. */
  static List<DataFile> liveFiles(Table table, String type) throws IOException {
    table.refresh();
    List<DataFile> out = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(t -> {
        if (type.equals(LakeSnapshot.partitionOf(table.specs().get(t.file().specId()), t.file().partition()).eventType())) {
          out.add(t.file());
        }
      });
    }
    return out;
  }

  /** One data file's rows, in file order. */
  static List<Record> rowsOf(Table table, DataFile file) throws IOException {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> it = Parquet.read(table.io().newInputFile(file.location())).project(table.schema())
        .createReaderFunc(t -> GenericParquetReaders.buildReader(table.schema(), t)).build()) {
      it.forEach(rows::add);
    }
    return rows;
  }

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
