package io.strata.launcher.sql;

import io.prometheus.metrics.core.metrics.Gauge;
import io.strata.schemas.CatalogRelease;
import io.strata.schemas.EventTypeSchema;
import io.strata.schemas.TypedColumns;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A typed Trino view per event type for analysts ({@code lake.typed.order_placed}): the envelope's
 * columns and the payload's fields as typed columns, over {@code lake.strata.events}, generated from the
 * schema catalog ({@link TypedColumns}) and replaced at each release, so a field a version adds appears as
 * a column (null in rows from before it). The generic {@code lake.strata.events} stays as it is.
 */
public final class TypedViews {
  /** The Trino schema (Iceberg namespace) the typed views live in, apart from the table and the analyst views. */
  public static final String SCHEMA = "typed";
  private static final Logger LOG = LoggerFactory.getLogger(TypedViews.class);
  private static final Gauge GENERATION =
      Gauge.builder()
          .name("strata_schema_views_generation")
          .help("The schema catalog release whose typed Trino views are in place")
          .register();

  private TypedViews() {}

  /** Creates or replaces every type's view; returns how many. */
  public static int apply(Connection trino, CatalogRelease release) throws SQLException {
    int views = 0;
    try (Statement statement = trino.createStatement()) {
      statement.execute("CREATE SCHEMA IF NOT EXISTS lake." + SCHEMA);
      for (EventTypeSchema type : release.catalog().types()) {
        String sql = TypedColumns.of(release.catalog(), type.name()).createViewSql("lake", SCHEMA, "strata");
        try {
          statement.execute(sql);
        } catch (SQLException e) {
          throw new SQLException("the typed view of " + type.name() + " failed: " + e.getMessage(), e);
        }
        views++;
      }
    }
    GENERATION.set(release.generation());
    LOG.info("typed views of schema catalog release {}: {} in lake.{}", release.generation(), views, SCHEMA);
    return views;
  }
}
