package io.strata.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogConfigTest {
  @Test
  void defaults() {
    CatalogConfig config = CatalogConfig.fromProperties(Map.of());

    assertThat(config.port()).isEqualTo(8181);
    assertThat(config.jdbcUrl())
        .isEqualTo("jdbc:sqlite:" + Path.of("data", "catalog", "catalog.db"));
    assertThat(config.jdbcUser()).isEmpty();
    assertThat(config.jdbcPassword()).isEmpty();
    assertThat(config.catalogName()).isEqualTo("strata");
    assertThat(config.warehouse()).isEqualTo("s3://strata-lake/warehouse");
    assertThat(config.token()).isEmpty();
    assertThat(config.s3Endpoint()).isEmpty();
    assertThat(config.s3AccessKey()).isEmpty();
    assertThat(config.s3SecretKey()).isEmpty();
    assertThat(config.s3Region()).isEqualTo("us-east-1");
    assertThat(config.isSqlite()).isTrue();
  }

  @Test
  void sqliteFileFollowsTheDataDirectory() {
    CatalogConfig config = CatalogConfig.fromProperties(Map.of("strata.data-dir", "/var/strata"));

    assertThat(config.jdbcUrl()).isEqualTo("jdbc:sqlite:/var/strata/catalog/catalog.db");
  }

  @Test
  void fullMapping() {
    CatalogConfig config = CatalogConfig.fromProperties(full());

    assertThat(config)
        .isEqualTo(
            new CatalogConfig(
                9181,
                "jdbc:postgresql://db:5432/catalog",
                Optional.of("iceberg"),
                Optional.of("db-secret"),
                "lake",
                "s3://bucket/lake",
                Optional.of("catalog-token"),
                Optional.of(URI.create("http://127.0.0.1:9000")),
                Optional.of("access"),
                Optional.of("s3-secret"),
                "eu-west-1"));
    assertThat(config.isSqlite()).isFalse();
  }

  @Test
  void secretsNeverAppearInToString() {
    Map<String, String> properties = full();
    properties.put(
        "strata.catalog.jdbc-url", "jdbc:postgresql://db/catalog?user=u&password=url-pw");
    String text = CatalogConfig.fromProperties(properties).toString();

    assertThat(text).doesNotContain("db-secret", "catalog-token", "s3-secret", "url-pw");
    assertThat(text)
        .contains("port=9181", "jdbcUser=iceberg", "s3AccessKey=access", "password=***");
  }

  @Test
  void unknownCatalogKeysAreRejectedByName() {
    assertThatThrownBy(() -> CatalogConfig.fromProperties(Map.of("strata.catalog.prot", "8181")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown configuration key 'strata.catalog.prot'");
  }

  @Test
  void keysOfOtherServicesAreLeftAlone() {
    assertThat(CatalogConfig.fromProperties(Map.of("strata.kafka.port", "9092")).port())
        .isEqualTo(8181);
  }

  @Test
  void badValuesNameTheirKey() {
    assertBad("strata.catalog.port", "eighty", "strata.catalog.port must be a whole number");
    assertBad("strata.catalog.port", "70000", "strata.catalog.port must be between 0 and 65535");
    assertBad("strata.catalog.jdbc-url", "jdbc:mysql://db/x", "strata.catalog.jdbc-url must start");
    assertBad("strata.catalog.warehouse", "warehouse", "strata.catalog.warehouse must be a URI");
    assertBad("strata.catalog.warehouse", "s3://bad uri", "strata.catalog.warehouse is not a");
    assertBad("strata.s3.endpoint", "ftp://host", "strata.s3.endpoint must be an http(s) URI");
    assertThatThrownBy(
            () -> CatalogConfig.fromProperties(Map.of("strata.s3.access-key", "only-the-key")))
        .hasMessage("strata.s3.access-key and strata.s3.secret-key must be set together");
  }

  @Test
  void constructorChecksNameTheKey() {
    assertThatThrownBy(
            () ->
                new CatalogConfig(
                    8181, "jdbc:sqlite:x.db", Optional.empty(), Optional.empty(), " ",
                    "s3://b/w", Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), "us-east-1"))
        .hasMessage("strata.catalog.name must not be blank");
    assertThatThrownBy(
            () ->
                new CatalogConfig(
                    8181, "jdbc:sqlite:x.db", Optional.empty(), Optional.empty(), "strata",
                    "s3://b/w", Optional.of(" "), Optional.empty(), Optional.empty(),
                    Optional.empty(), "us-east-1"))
        .hasMessage("strata.catalog.token must not be blank when set");
    assertThatThrownBy(
            () ->
                new CatalogConfig(
                    8181, null, Optional.empty(), Optional.empty(), "strata", "s3://b/w",
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    "us-east-1"))
        .hasMessage("strata.catalog.jdbc-url is null");
  }

  private static void assertBad(String key, String value, String messageStart) {
    assertThatThrownBy(() -> CatalogConfig.fromProperties(Map.of(key, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(messageStart);
  }

  private static Map<String, String> full() {
    Map<String, String> properties = new HashMap<>();
    properties.put("strata.catalog.port", "9181");
    properties.put("strata.catalog.jdbc-url", "jdbc:postgresql://db:5432/catalog");
    properties.put("strata.catalog.jdbc-user", "iceberg");
    properties.put("strata.catalog.jdbc-password", "db-secret");
    properties.put("strata.catalog.name", "lake");
    properties.put("strata.catalog.warehouse", "s3://bucket/lake");
    properties.put("strata.catalog.token", "catalog-token");
    properties.put("strata.s3.endpoint", "http://127.0.0.1:9000");
    properties.put("strata.s3.access-key", "access");
    properties.put("strata.s3.secret-key", "s3-secret");
    properties.put("strata.s3.region", "eu-west-1");
    return properties;
  }
}
