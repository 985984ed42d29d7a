package io.strata.launcher.sql;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the analyst views from {@code sql/views}. Each file is a {@code CREATE OR REPLACE VIEW}, so
 * the step can run at every start: it brings the catalog's views to what the files say.
 */
public final class ViewMigrator {
  private static final Logger LOG = LoggerFactory.getLogger(ViewMigrator.class);

  private ViewMigrator() {}

  /** Applies every view file in version order; returns how many. */
  public static int apply(Connection trino, Path sqlDir) throws IOException, SQLException {
    List<SqlScript> views = SqlScripts.views(sqlDir);
    try (Statement statement = trino.createStatement()) {
      for (SqlScript view : views) {
        try {
          statement.execute(view.sql());
        } catch (SQLException e) {
          throw new SQLException("view migration " + view.source() + " failed: " + e.getMessage(), e);
        }
      }
    }
    LOG.info("applied {} analyst views from {}", views.size(), sqlDir.resolve("views"));
    return views.size();
  }
}
