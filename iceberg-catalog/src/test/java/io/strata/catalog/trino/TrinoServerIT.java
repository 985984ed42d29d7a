package io.strata.catalog.trino;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.catalog.CatalogConfig;
import io.strata.catalog.CatalogServer;
import io.strata.embedded.EmbeddedS3;
import io.strata.embedded.S3Credentials;
import io.strata.embedded.trino.TrinoServer;
import io.strata.embedded.trino.TrinoSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.view.View;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Trino 476 (child process on a JDK 24+) over the real REST catalog and S3Proxy: what Trino
 * writes, the Iceberg Java client reads, and the other way round. Needs {@code
 * trino-config/target/trino-server}, which {@code mvn install} prepares.
 */
class TrinoServerIT {
  private static final S3Credentials CREDENTIALS = new S3Credentials("strata", "strata-secret");

  @TempDir static Path dir;

  private static EmbeddedS3 s3;
  private static CatalogServer catalog;
  private static TrinoServer trino;

  @BeforeAll
  static void start() throws Exception {
    s3 = EmbeddedS3.start(dir.resolve("s3"), 0, CREDENTIALS);
    s3.ensureBucket("strata-lake");
    catalog = CatalogServer.start(catalogConfig(dir.resolve("data"), Map.of()));
    trino = TrinoServer.start(settings(catalog, dir.resolve("data").resolve("trino")).build());
  }

  @AfterAll
  static void stop() throws Exception {
    try (AutoCloseable s3Closer = s3;
        AutoCloseable catalogCloser = catalog;
        AutoCloseable trinoCloser = trino) {
      // closed in reverse order: Trino, then the catalog, then S3
    }
  }

  @Test
  void seesTheStrataNamespace() throws SQLException {
    assertThat(column("SHOW SCHEMAS FROM lake")).contains("strata");
  }

  @Test
  void readsTheEmptyEventsTable() throws SQLException {
    assertThat(column("SELECT count(*) FROM lake.strata.events")).containsExactly("0");
  }

  @Test
  void tablesAndViewsTrinoCreatesLiveInTheCatalog() throws Exception {
    update("CREATE TABLE lake.strata.t AS SELECT 1 AS x");

    try (RESTCatalog client = restClient()) {
      Table table = client.loadTable(TableIdentifier.of("strata", "t"));
      assertThat(table.schema().findField("x")).isNotNull();
      assertThat(table.currentSnapshot().summary()).containsEntry("total-records", "1");
    }
    assertThat(column("SELECT x FROM lake.strata.t")).containsExactly("1");

    update("CREATE VIEW lake.strata.v AS SELECT x FROM lake.strata.t");

    assertThat(column("SELECT * FROM lake.strata.v")).containsExactly("1");
    try (RESTCatalog client = restClient()) {
      View view = client.loadView(TableIdentifier.of("strata", "v"));
      assertThat(view.sqlFor("trino").sql()).contains("SELECT x").contains("lake.strata.t");
    }
  }

  @Test
  void reachesACatalogThatRequiresABearerToken() throws Exception {
    Path data = dir.resolve("token-data");
    Map<String, String> tokenAndOwnTables =
        Map.of(
            CatalogConfig.TOKEN, "s3cr3t-t0ken",
            CatalogConfig.WAREHOUSE, "s3://strata-lake/token-warehouse");
    try (CatalogServer protectedCatalog =
            CatalogServer.start(catalogConfig(data, tokenAndOwnTables));
        TrinoServer withToken =
            TrinoServer.start(
                settings(protectedCatalog, data.resolve("trino"))
                    .catalogToken("s3cr3t-t0ken")
                    .build())) {
      assertThat(column(withToken, "SHOW SCHEMAS FROM lake")).contains("strata");
      assertThat(column(withToken, "SELECT count(*) FROM lake.strata.events")).containsExactly("0");
      assertThat(withToken.serverLog()).content().doesNotContain("s3cr3t-t0ken");
    }
  }

  private static CatalogConfig catalogConfig(Path data, Map<String, String> extra) {
    Map<String, String> properties = new HashMap<>(extra);
    properties.put(CatalogConfig.PORT, "0");
    properties.put(CatalogConfig.DATA_DIR, data.toString());
    properties.put(CatalogConfig.S3_ENDPOINT, s3.endpoint().toString());
    properties.put(CatalogConfig.S3_ACCESS_KEY, CREDENTIALS.accessKey());
    properties.put(CatalogConfig.S3_SECRET_KEY, CREDENTIALS.secretKey());
    return CatalogConfig.fromProperties(properties);
  }

  private static TrinoSettings.Builder settings(CatalogServer catalogServer, Path workDir) {
    // Failsafe runs in the module directory; the server and its configuration are a sibling's.
    Path trinoConfig = Path.of("").toAbsolutePath().resolveSibling("trino-config");
    return TrinoSettings.builder()
        .serverDir(trinoConfig.resolve("target").resolve("trino-server"))
        .etcTemplateDir(trinoConfig.resolve("etc").resolve("single-node"))
        .workDir(workDir)
        .catalogUri(catalogServer.uri())
        .s3(s3.endpoint(), CREDENTIALS);
  }

  private static List<String> column(String sql) throws SQLException {
    return column(trino, sql);
  }

  private static List<String> column(TrinoServer server, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), "strata", null);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }

  private static void update(String sql) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(trino.jdbcUrl(), "strata", null);
  }

  private static RESTCatalog restClient() {
    RESTCatalog client = new RESTCatalog();
    client.initialize("it", Map.of("uri", catalog.uri().toString()));
    return client;
  }
}
