package io.strata.catalog;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the Iceberg {@link JdbcCatalog} that stores the table pointers (SQLite or PostgreSQL). */
final class JdbcCatalogBackend {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcCatalogBackend.class);
  private static final String S3_FILE_IO = "org.apache.iceberg.aws.s3.S3FileIO";
  private static final String SQLITE_PREFIX = "jdbc:sqlite:";

  private JdbcCatalogBackend() {}

  /** Opens the catalog, creating its tables on first use; fails naming the JDBC URL key. */
  static JdbcCatalog open(CatalogConfig config) {
    if (config.isSqlite()) {
      createSqliteParentDirectory(config.jdbcUrl());
    }
    JdbcCatalog catalog = new JdbcCatalog();
    try {
      catalog.initialize(config.catalogName(), catalogProperties(config));
    } catch (RuntimeException e) {
      closeQuietly(catalog);
      throw new IllegalStateException(
          CatalogConfig.JDBC_URL + ": cannot open the catalog database at "
              + config.redactedJdbcUrl() + ": " + rootMessage(e),
          e);
    }
    LOG.info("catalog '{}' opened on {}", config.catalogName(), config.redactedJdbcUrl());
    return catalog;
  }

  /** The JdbcCatalog's properties: the database, the warehouse and the S3 FileIO. */
  static Map<String, String> catalogProperties(CatalogConfig config) {
    Map<String, String> properties = new HashMap<>(fileIoProperties(config));
    // A password in the URL moves to the connection properties, so that Iceberg's and the driver's
    // error messages, which quote the URL, never carry it.
    UrlAndPassword url = UrlAndPassword.split(config.jdbcUrl());
    properties.put(CatalogProperties.URI, url.url());
    config.jdbcUser().ifPresent(user -> properties.put(JdbcCatalog.PROPERTY_PREFIX + "user", user));
    config.jdbcPassword()
        .or(url::password)
        .ifPresent(password -> properties.put(JdbcCatalog.PROPERTY_PREFIX + "password", password));
    properties.put(CatalogProperties.WAREHOUSE_LOCATION, config.warehouse());
    // V1 of the JDBC schema has the record-type column that views need.
    properties.put(JdbcCatalog.PROPERTY_PREFIX + "schema-version", "V1");
    if (config.isSqlite()) {
      // SQLite allows one writer at a time; more pooled connections only collide on its file lock.
      properties.put(CatalogProperties.CLIENT_POOL_SIZE, "1");
    }
    return properties;
  }

  /** The S3FileIO settings, used by the catalog itself and handed to clients by /v1/config. */
  static Map<String, String> fileIoProperties(CatalogConfig config) {
    Map<String, String> properties = new HashMap<>();
    properties.put(CatalogProperties.FILE_IO_IMPL, S3_FILE_IO);
    config.s3Endpoint()
        .ifPresent(
            endpoint -> {
              properties.put("s3.endpoint", endpoint.toString());
              // S3-compatible stores (S3Proxy, MinIO) address buckets by path, not by host name.
              properties.put("s3.path-style-access", "true");
            });
    config.s3AccessKey().ifPresent(key -> properties.put("s3.access-key-id", key));
    config.s3SecretKey().ifPresent(secret -> properties.put("s3.secret-access-key", secret));
    properties.put("client.region", config.s3Region());
    return properties;
  }

  /** A JDBC URL without its {@code password} query parameter, and that password. */
  record UrlAndPassword(String url, Optional<String> password) {
    static UrlAndPassword split(String jdbcUrl) {
      int query = jdbcUrl.indexOf('?');
      if (query < 0) {
        return new UrlAndPassword(jdbcUrl, Optional.empty());
      }
      StringJoiner kept = new StringJoiner("&");
      Optional<String> password = Optional.empty();
      for (String parameter : jdbcUrl.substring(query + 1).split("&")) {
        if (parameter.regionMatches(true, 0, "password=", 0, "password=".length())) {
          password =
              Optional.of(URLDecoder.decode(parameter.substring("password=".length()), UTF_8));
        } else if (!parameter.isEmpty()) {
          kept.add(parameter);
        }
      }
      String base = jdbcUrl.substring(0, query);
      return new UrlAndPassword(kept.length() == 0 ? base : base + "?" + kept, password);
    }
  }

  private static void createSqliteParentDirectory(String jdbcUrl) {
    String file = jdbcUrl.substring(SQLITE_PREFIX.length());
    int query = file.indexOf('?');
    file = query >= 0 ? file.substring(0, query) : file;
    file = file.startsWith("file:") ? file.substring("file:".length()) : file;
    if (file.isEmpty() || file.startsWith(":memory:")) {
      return;
    }
    Path parent = Path.of(file).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException(
          CatalogConfig.JDBC_URL + ": cannot create the directory " + parent, e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  private static void closeQuietly(JdbcCatalog catalog) {
    try {
      catalog.close();
    } catch (RuntimeException e) {
      LOG.debug("closing a catalog that failed to open", e);
    }
  }
}
