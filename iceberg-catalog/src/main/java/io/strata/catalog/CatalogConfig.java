package io.strata.catalog;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settings of the Iceberg REST catalog service.
 *
 * @param port {@code strata.catalog.port}: HTTP port on 127.0.0.1, default 8181; 0 picks a free
 *     one
 * @param jdbcUrl {@code strata.catalog.jdbc-url}: where the catalog keeps its pointers, default
 *     {@code jdbc:sqlite:<strata.data-dir>/catalog/catalog.db}; PostgreSQL in production
 * @param jdbcUser {@code strata.catalog.jdbc-user}: database user, if the URL does not carry one
 * @param jdbcPassword {@code strata.catalog.jdbc-password}: database password, if any
 * @param catalogName {@code strata.catalog.name}: the JdbcCatalog name (rows are keyed by it),
 *     default {@code strata}
 * @param warehouse {@code strata.catalog.warehouse}: root of new tables, default
 *     {@code s3://strata-lake/warehouse}
 * @param token {@code strata.catalog.token}: when set, every request must carry it as a bearer
 *     token
 * @param s3Endpoint {@code strata.s3.endpoint}: S3-compatible endpoint; absent means AWS S3
 * @param s3AccessKey {@code strata.s3.access-key}: absent means the AWS default credential chain
 * @param s3SecretKey {@code strata.s3.secret-key}: set together with the access key
 * @param s3Region {@code strata.s3.region}: default {@code us-east-1}
 */
public record CatalogConfig(
    int port,
    String jdbcUrl,
    Optional<String> jdbcUser,
    Optional<String> jdbcPassword,
    String catalogName,
    String warehouse,
    Optional<String> token,
    Optional<URI> s3Endpoint,
    Optional<String> s3AccessKey,
    Optional<String> s3SecretKey,
    String s3Region) {

  public static final String PORT = "strata.catalog.port";
  public static final String JDBC_URL = "strata.catalog.jdbc-url";
  public static final String JDBC_USER = "strata.catalog.jdbc-user";
  public static final String JDBC_PASSWORD = "strata.catalog.jdbc-password";
  public static final String NAME = "strata.catalog.name";
  public static final String WAREHOUSE = "strata.catalog.warehouse";
  public static final String TOKEN = "strata.catalog.token";
  public static final String S3_ENDPOINT = "strata.s3.endpoint";
  public static final String S3_ACCESS_KEY = "strata.s3.access-key";
  public static final String S3_SECRET_KEY = "strata.s3.secret-key";
  public static final String S3_REGION = "strata.s3.region";
  /** Shared by all Strata services: the root of local state; default {@code data}. */
  public static final String DATA_DIR = "strata.data-dir";

  public static final int DEFAULT_PORT = 8181;
  public static final String DEFAULT_NAME = "strata";
  public static final String DEFAULT_WAREHOUSE = "s3://strata-lake/warehouse";
  public static final String DEFAULT_REGION = "us-east-1";
  public static final String DEFAULT_DATA_DIR = "data";

  private static final String PREFIX = "strata.catalog.";
  private static final Set<String> KEYS =
      Set.of(PORT, JDBC_URL, JDBC_USER, JDBC_PASSWORD, NAME, WAREHOUSE, TOKEN);

  public CatalogConfig {
    requireNonNull(jdbcUrl, JDBC_URL + " is null");
    requireNonNull(jdbcUser, JDBC_USER + " is null");
    requireNonNull(jdbcPassword, JDBC_PASSWORD + " is null");
    requireNonNull(catalogName, NAME + " is null");
    requireNonNull(warehouse, WAREHOUSE + " is null");
    requireNonNull(token, TOKEN + " is null");
    requireNonNull(s3Endpoint, S3_ENDPOINT + " is null");
    requireNonNull(s3AccessKey, S3_ACCESS_KEY + " is null");
    requireNonNull(s3SecretKey, S3_SECRET_KEY + " is null");
    requireNonNull(s3Region, S3_REGION + " is null");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(PORT + " must be between 0 and 65535, got " + port);
    }
    if (!jdbcUrl.startsWith("jdbc:sqlite:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          JDBC_URL + " must start with jdbc:sqlite: or jdbc:postgresql:, got '" + redactUrl(jdbcUrl)
              + "'");
    }
    if (catalogName.isBlank()) {
      throw new IllegalArgumentException(NAME + " must not be blank");
    }
    URI warehouseUri = parseUri(WAREHOUSE, warehouse);
    if (warehouseUri.getScheme() == null || warehouseUri.getHost() == null) {
      throw new IllegalArgumentException(
          WAREHOUSE + " must be a URI such as s3://bucket/path, got '" + warehouse + "'");
    }
    if (token.isPresent() && token.get().isBlank()) {
      throw new IllegalArgumentException(TOKEN + " must not be blank when set");
    }
    s3Endpoint.ifPresent(
        uri -> {
          if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException(
                S3_ENDPOINT + " must be an http(s) URI, got '" + uri + "'");
          }
        });
    if (s3AccessKey.isPresent() != s3SecretKey.isPresent()) {
      throw new IllegalArgumentException(
          S3_ACCESS_KEY + " and " + S3_SECRET_KEY + " must be set together");
    }
    if (s3Region.isBlank()) {
      throw new IllegalArgumentException(S3_REGION + " must not be blank");
    }
  }

  /**
   * Reads the settings from flat {@code strata.*} properties. Unknown {@code strata.catalog.*} keys
   * are rejected, so a typo fails start-up instead of being ignored.
   */
  public static CatalogConfig fromProperties(Map<String, String> properties) {
    requireNonNull(properties, "properties is null");
    for (String key : new TreeSet<>(properties.keySet())) {
      if (key.startsWith(PREFIX) && !KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown configuration key '" + key + "'");
      }
    }
    Path dataDir = Path.of(value(properties, DATA_DIR).orElse(DEFAULT_DATA_DIR));
    String defaultJdbcUrl = "jdbc:sqlite:" + dataDir.resolve("catalog").resolve("catalog.db");
    return new CatalogConfig(
        port(properties),
        value(properties, JDBC_URL).orElse(defaultJdbcUrl),
        value(properties, JDBC_USER),
        value(properties, JDBC_PASSWORD),
        value(properties, NAME).orElse(DEFAULT_NAME),
        value(properties, WAREHOUSE).orElse(DEFAULT_WAREHOUSE),
        value(properties, TOKEN),
        value(properties, S3_ENDPOINT).map(text -> parseUri(S3_ENDPOINT, text)),
        value(properties, S3_ACCESS_KEY),
        value(properties, S3_SECRET_KEY),
        value(properties, S3_REGION).orElse(DEFAULT_REGION));
  }

  /** True when the catalog lives in a SQLite file, which allows one writer at a time. */
  public boolean isSqlite() {
    return jdbcUrl.startsWith("jdbc:sqlite:");
  }

  /** The JDBC URL with any {@code password=...} parameter masked, fit for messages and logs. */
  public String redactedJdbcUrl() {
    return redactUrl(jdbcUrl);
  }

  @Override
  public String toString() {
    return "CatalogConfig[port=" + port + ", jdbcUrl=" + redactedJdbcUrl()
        + ", jdbcUser=" + jdbcUser.orElse("none")
        + ", jdbcPassword=" + masked(jdbcPassword)
        + ", catalogName=" + catalogName + ", warehouse=" + warehouse
        + ", token=" + masked(token)
        + ", s3Endpoint=" + s3Endpoint.map(URI::toString).orElse("none")
        + ", s3AccessKey=" + s3AccessKey.orElse("none")
        + ", s3SecretKey=" + masked(s3SecretKey)
        + ", s3Region=" + s3Region + "]";
  }

  private static int port(Map<String, String> properties) {
    Optional<String> raw = value(properties, PORT);
    if (raw.isEmpty()) {
      return DEFAULT_PORT;
    }
    try {
      return Integer.parseInt(raw.get());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PORT + " must be a whole number, got '" + raw.get() + "'");
    }
  }

  private static Optional<String> value(Map<String, String> properties, String key) {
    String value = properties.get(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  private static URI parseUri(String key, String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(key + " is not a valid URI: '" + text + "'", e);
    }
  }

  private static String masked(Optional<String> secret) {
    return secret.isPresent() ? "***" : "none";
  }

  static String redactUrl(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
