package io.strata.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableCommit;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NoSuchViewException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.view.View;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the REST catalog must do whatever database holds it, through Iceberg's own REST client
 * against a real S3-compatible store. Subclasses say which database.
 */
// Maps handed to Iceberg are HashMaps: its builders probe for null keys, which Map.of rejects.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractRestCatalogIT {
  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "id", Types.LongType.get()),
          Types.NestedField.optional(2, "name", Types.StringType.get()));

  private TestingStack stack;
  private CatalogConfig config;
  private CatalogServer server;
  private RESTCatalog client;

  /** The JDBC URL of the catalog database; empty when that database is not available here. */
  abstract Optional<String> jdbcUrl(Path dir);

  /** Skips each test, saying why, when {@link #jdbcUrl} is empty. */
  abstract void assumeDatabaseAvailable();

  /** The JdbcCatalog name; unique per run where the database outlives the test. */
  abstract String catalogName();

  @BeforeAll
  void startServers(@TempDir Path dir) throws Exception {
    Optional<String> jdbcUrl = jdbcUrl(dir);
    if (jdbcUrl.isEmpty()) {
      return; // each test then reports itself skipped, with the reason
    }
    stack = TestingStack.start(dir);
    config = CatalogConfig.fromProperties(stack.properties(jdbcUrl.get(), catalogName()));
    server = CatalogServer.start(config);
  }

  @AfterAll
  void stopServers() throws Exception {
    if (server != null) {
      server.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @BeforeEach
  void openClient() {
    assumeDatabaseAvailable();
    client = TestingStack.client(server.uri(), Optional.empty());
  }

  @AfterEach
  void closeClient() throws Exception {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void bootstrapCreatedTheEventsTable() {
    Table events = client.loadTable(EventsTable.IDENTIFIER);

    assertThat(client.listNamespaces()).contains(Namespace.of("strata"));
    assertThat(events.schema().asStruct()).isEqualTo(EventsTable.SCHEMA.asStruct());
    assertThat(events.spec()).isEqualTo(EventsTable.SPEC);
    assertThat(events.sortOrder()).isEqualTo(EventsTable.SORT_ORDER);
    TableMetadata metadata = ((BaseTable) events).operations().current();
    assertThat(metadata.formatVersion()).isEqualTo(2);
    EventsTable.PROPERTIES.forEach(
        (key, value) -> {
          if (!key.equals("format-version")) { // consumed into the metadata's format version
            assertThat(events.properties()).containsEntry(key, value);
          }
        });
    assertThat(events.location()).startsWith("s3://strata-lake/warehouse/");
  }

  @Test
  void tableLifecycle() throws Exception {
    Namespace namespace = Namespace.of("lifecycle");
    client.createNamespace(namespace, new HashMap<>(Map.of("owner", "it")));
    assertThat(client.listNamespaces()).contains(namespace);
    assertThat(client.loadNamespaceMetadata(namespace)).containsEntry("owner", "it");

    TableIdentifier id = TableIdentifier.of(namespace, "orders");
    client.createTable(id, SCHEMA);
    assertThat(client.listTables(namespace)).containsExactly(id);
    Table table = client.loadTable(id);
    assertThat(table.schema().asStruct()).isEqualTo(SCHEMA.asStruct());

    table.updateSchema().addColumn("amount", Types.DoubleType.get()).commit();
    table.updateProperties().set("strata.owner", "orders-team").commit();
    String dataPath = uploadObject(table, "part-00000.parquet");
    DataFile dataFile =
        DataFiles.builder(table.spec())
            .withPath(dataPath)
            .withFileSizeInBytes(table.io().newInputFile(dataPath).getLength())
            .withRecordCount(3)
            .withFormat(FileFormat.PARQUET)
            .build();
    table.newAppend().appendFile(dataFile).commit();

    try (RESTCatalog fresh = TestingStack.client(server.uri(), Optional.empty())) {
      Table reloaded = fresh.loadTable(id);
      assertThat(reloaded.schema().findField("amount")).isNotNull();
      assertThat(reloaded.properties()).containsEntry("strata.owner", "orders-team");
      Snapshot snapshot = reloaded.currentSnapshot();
      assertThat(snapshot).isNotNull();
      assertThat(snapshot.summary()).containsEntry("added-data-files", "1");
      assertThat(snapshot.summary()).containsEntry("total-records", "3");
      try (CloseableIterable<FileScanTask> tasks = reloaded.newScan().planFiles()) {
        assertThat(tasks).extracting(task -> task.file().location()).containsExactly(dataPath);
      }
    }

    assertThat(client.dropTable(id, true)).isTrue();
    assertThat(client.tableExists(id)).isFalse();
    assertThat(client.listTables(namespace)).isEmpty();
    assertThatThrownBy(() -> client.loadTable(id)).isInstanceOf(NoSuchTableException.class);
    assertThat(table.io().newInputFile(dataPath).exists()).as("purged data file").isFalse();
    assertThat(client.dropNamespace(namespace)).isTrue();
    assertThat(client.listNamespaces()).doesNotContain(namespace);
  }

  @Test
  void namespacePropertiesRenameAndRegister() {
    Namespace namespace = Namespace.of("moves");
    client.createNamespace(namespace);
    client.setProperties(namespace, new HashMap<>(Map.of("a", "1", "b", "2")));
    client.removeProperties(namespace, new HashSet<>(Set.of("b")));
    assertThat(client.loadNamespaceMetadata(namespace))
        .containsEntry("a", "1")
        .doesNotContainKey("b");

    TableIdentifier original = TableIdentifier.of(namespace, "original");
    TableIdentifier renamed = TableIdentifier.of(namespace, "renamed");
    client.createTable(original, SCHEMA);
    client.renameTable(original, renamed);
    assertThat(client.listTables(namespace)).containsExactly(renamed);

    String metadataLocation =
        ((BaseTable) client.loadTable(renamed)).operations().current().metadataFileLocation();
    assertThat(client.dropTable(renamed, false)).isTrue();
    TableIdentifier registered = TableIdentifier.of(namespace, "registered");
    client.registerTable(registered, metadataLocation);
    assertThat(client.loadTable(registered).schema().asStruct()).isEqualTo(SCHEMA.asStruct());
  }

  @Test
  void nestedNamespacesAreListedUnderTheirParent() {
    Namespace parent = Namespace.of("nested");
    Namespace child = Namespace.of("nested", "child");
    client.createNamespace(parent);
    client.createNamespace(child);
    client.createTable(TableIdentifier.of(child, "t"), SCHEMA);

    assertThat(client.listNamespaces(parent)).containsExactly(child);
    assertThat(client.listTables(child)).containsExactly(TableIdentifier.of(child, "t"));
    assertThat(client.loadTable(TableIdentifier.of(child, "t")).name()).endsWith("nested.child.t");
  }

  @Test
  void stagedCreateAndMultiTableTransaction() {
    Namespace namespace = Namespace.of("tx");
    client.createNamespace(namespace);
    TableIdentifier first = TableIdentifier.of(namespace, "first");
    TableIdentifier second = TableIdentifier.of(namespace, "second");

    Transaction create = client.buildTable(first, SCHEMA).createTransaction(); // stage-create
    create.updateProperties().set("created-by", "staged").commit();
    assertThat(client.tableExists(first)).isFalse();
    create.commitTransaction();
    assertThat(client.loadTable(first).properties()).containsEntry("created-by", "staged");
    client.createTable(second, SCHEMA);

    client.commitTransaction(
        List.of(propertyCommit(first, "batch", "7"), propertyCommit(second, "batch", "7")));

    assertThat(client.loadTable(first).properties()).containsEntry("batch", "7");
    assertThat(client.loadTable(second).properties()).containsEntry("batch", "7");
  }

  @Test
  void viewLifecycle() {
    Namespace namespace = Namespace.of("views");
    client.createNamespace(namespace);
    TableIdentifier id = TableIdentifier.of(namespace, "recent");
    View view =
        client
            .buildView(id)
            .withSchema(SCHEMA)
            .withDefaultNamespace(namespace)
            .withQuery("trino", "SELECT id, name FROM t")
            .create();
    assertThat(client.listViews(namespace)).containsExactly(id);
    assertThat(client.viewExists(id)).isTrue();
    assertThat(view.sqlFor("trino").sql()).isEqualTo("SELECT id, name FROM t");

    client
        .buildView(id)
        .withSchema(SCHEMA)
        .withDefaultNamespace(namespace)
        .withQuery("trino", "SELECT id FROM t")
        .replace();
    assertThat(client.loadView(id).sqlFor("trino").sql()).isEqualTo("SELECT id FROM t");

    TableIdentifier renamed = TableIdentifier.of(namespace, "latest");
    client.renameView(id, renamed);
    assertThat(client.listViews(namespace)).containsExactly(renamed);
    assertThat(client.dropView(renamed)).isTrue();
    assertThatThrownBy(() -> client.loadView(renamed)).isInstanceOf(NoSuchViewException.class);
  }

  @Test
  void tablesSurviveARestartOnTheSameDatabase() throws Exception {
    Namespace namespace = Namespace.of("durable");
    TableIdentifier id = TableIdentifier.of(namespace, "kept");
    client.createNamespace(namespace);
    client.createTable(id, SCHEMA);
    client.close();

    server.close();
    server = CatalogServer.start(config);
    client = TestingStack.client(server.uri(), Optional.empty());

    assertThat(client.tableExists(id)).isTrue();
    assertThat(client.loadTable(id).schema().asStruct()).isEqualTo(SCHEMA.asStruct());
    assertThat(client.loadTable(EventsTable.IDENTIFIER).schema().asStruct())
        .isEqualTo(EventsTable.SCHEMA.asStruct());
  }

  @Test
  void anEventsTableMadeBeforeTheOriginalVersionColumnGainsItAtTheNextStart() throws Exception {
    client.dropTable(EventsTable.IDENTIFIER, false);
    Schema before = new Schema(EventsTable.SCHEMA.columns().subList(0, 14));
    client.buildTable(EventsTable.IDENTIFIER, before)
        .withPartitionSpec(PartitionSpec.builderFor(before).day("event_time").identity("event_type").build())
        .withSortOrder(SortOrder.builderFor(before).asc("tenant_id").asc("entity_id").asc("event_time").build())
        .withProperties(EventsTable.PROPERTIES)
        .create();
    client.close();

    server.close();
    server = CatalogServer.start(config);
    client = TestingStack.client(server.uri(), Optional.empty());

    assertThat(client.loadTable(EventsTable.IDENTIFIER).schema().asStruct()).isEqualTo(EventsTable.SCHEMA.asStruct());
  }

  /** Writes an object through the table's own FileIO; the catalog never reads data files. */
  private static String uploadObject(Table table, String name) throws Exception {
    String path = table.locationProvider().newDataLocation(name);
    try (PositionOutputStream out = table.io().newOutputFile(path).createOrOverwrite()) {
      out.write("three rows of placeholder data".getBytes(StandardCharsets.UTF_8));
    }
    return path;
  }

  private TableCommit propertyCommit(TableIdentifier id, String key, String value) {
    TableMetadata base = ((BaseTable) client.loadTable(id)).operations().current();
    TableMetadata updated =
        TableMetadata.buildFrom(base).setProperties(new HashMap<>(Map.of(key, value))).build();
    return TableCommit.create(id, base, updated);
  }
}
