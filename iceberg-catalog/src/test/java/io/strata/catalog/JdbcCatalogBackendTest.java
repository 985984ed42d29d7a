package io.strata.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JdbcCatalogBackendTest {
  @Test
  void sqliteCatalogUsesOneConnectionAndTheViewCapableSchema() {
    CatalogConfig config =
        CatalogConfig.fromProperties(
            Map.of(
                "strata.catalog.jdbc-url", "jdbc:sqlite:/tmp/c.db",
                "strata.s3.endpoint", "http://127.0.0.1:9000",
                "strata.s3.access-key", "key",
                "strata.s3.secret-key", "secret"));

    assertThat(JdbcCatalogBackend.catalogProperties(config))
        .containsOnly(
            Map.entry("uri", "jdbc:sqlite:/tmp/c.db"),
            Map.entry("warehouse", "s3://strata-lake/warehouse"),
            Map.entry("jdbc.schema-version", "V1"),
            Map.entry("clients", "1"),
            Map.entry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO"),
            Map.entry("s3.endpoint", "http://127.0.0.1:9000"),
            Map.entry("s3.path-style-access", "true"),
            Map.entry("s3.access-key-id", "key"),
            Map.entry("s3.secret-access-key", "secret"),
            Map.entry("client.region", "us-east-1"));
  }

  @Test
  void postgresCatalogPassesCredentialsAndKeepsThePoolDefault() {
    CatalogConfig config =
        CatalogConfig.fromProperties(
            Map.of(
                "strata.catalog.jdbc-url", "jdbc:postgresql://db/catalog",
                "strata.catalog.jdbc-user", "iceberg",
                "strata.catalog.jdbc-password", "pw",
                "strata.s3.region", "eu-west-1"));

    assertThat(JdbcCatalogBackend.catalogProperties(config))
        .containsEntry("jdbc.user", "iceberg")
        .containsEntry("jdbc.password", "pw")
        .containsEntry("client.region", "eu-west-1")
        .doesNotContainKeys("clients", "s3.endpoint", "s3.path-style-access", "s3.access-key-id");
  }

  @Test
  void aPasswordInTheUrlMovesToTheConnectionProperties() {
    CatalogConfig config =
        CatalogConfig.fromProperties(
            Map.of(
                "strata.catalog.jdbc-url",
                "jdbc:postgresql://db/catalog?user=iceberg&password=p%40ss&ssl=true"));

    assertThat(JdbcCatalogBackend.catalogProperties(config))
        .containsEntry("uri", "jdbc:postgresql://db/catalog?user=iceberg&ssl=true")
        .containsEntry("jdbc.password", "p@ss");
  }

  @Test
  void anExplicitPasswordWinsOverOneInTheUrl() {
    CatalogConfig config =
        CatalogConfig.fromProperties(
            Map.of(
                "strata.catalog.jdbc-url", "jdbc:postgresql://db/catalog?password=old",
                "strata.catalog.jdbc-password", "new"));

    assertThat(JdbcCatalogBackend.catalogProperties(config))
        .containsEntry("uri", "jdbc:postgresql://db/catalog")
        .containsEntry("jdbc.password", "new");
  }
}
