package io.strata.catalog;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST catalog on PostgreSQL, the production setup. Needs {@code STRATA_TEST_POSTGRES_URL},
 * such as {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}; skipped without it.
 */
class RestCatalogPostgresIT extends AbstractRestCatalogIT {
  private static final Logger LOG = LoggerFactory.getLogger(RestCatalogPostgresIT.class);
  private static final String URL_VARIABLE = "STRATA_TEST_POSTGRES_URL";
  private static final String SKIP_REASON =
      "STRATA_TEST_POSTGRES_URL is not set: skipping the PostgreSQL catalog test";

  // The database outlives the run: a fresh catalog name keeps reruns apart.
  private final String catalogName =
      "strata_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @Override
  Optional<String> jdbcUrl(Path dir) {
    return postgresUrl();
  }

  @Override
  void assumeDatabaseAvailable() {
    assumeTrue(postgresUrl().isPresent(), SKIP_REASON);
  }

  @BeforeAll
  void sayWhyWhenSkipped() {
    if (postgresUrl().isEmpty()) {
      LOG.warn(SKIP_REASON); // the console shows no assumption messages, only the skip count
    }
  }

  @Override
  String catalogName() {
    return catalogName;
  }

  private static Optional<String> postgresUrl() {
    return Optional.ofNullable(System.getenv(URL_VARIABLE)).filter(url -> !url.isBlank());
  }

  @AfterAll
  void deleteThisRunsCatalogRows() throws SQLException {
    Optional<String> url = postgresUrl();
    if (url.isEmpty()) {
      return;
    }
    try (Connection connection = DriverManager.getConnection(url.get())) {
      for (String table : new String[] {"iceberg_tables", "iceberg_namespace_properties"}) {
        try (PreparedStatement delete =
            connection.prepareStatement("DELETE FROM " + table + " WHERE catalog_name = ?")) {
          delete.setString(1, catalogName);
          delete.executeUpdate();
        }
      }
    }
  }
}
