package io.strata.catalog;

import java.nio.file.Path;
import java.util.Optional;

/** The REST catalog on a SQLite file: the embedded stack's setup. */
class RestCatalogSqliteIT extends AbstractRestCatalogIT {
  @Override
  Optional<String> jdbcUrl(Path dir) {
    // A directory that does not exist yet: the server creates it.
    return Optional.of("jdbc:sqlite:" + dir.resolve("catalog").resolve("catalog.db"));
  }

  @Override
  void assumeDatabaseAvailable() {}

  @Override
  String catalogName() {
    return "strata";
  }
}
