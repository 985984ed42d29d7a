package io.strata.launcher.sql;

import static java.util.Objects.requireNonNull;

/**
 * One SQL statement from a file or a notebook cell.
 *
 * @param source where it came from (file, or notebook and cell), for error messages
 * @param sql the statement, without a trailing semicolon
 */
public record SqlScript(String source, String sql) {
  public SqlScript {
    requireNonNull(source, "source is null");
    requireNonNull(sql, "sql is null");
    sql = sql.strip();
    while (sql.endsWith(";")) {
      sql = sql.substring(0, sql.length() - 1).strip();
    }
    if (sql.isEmpty()) {
      throw new IllegalArgumentException(source + " holds no SQL");
    }
  }

  /** Fills {@code {{name}}} placeholders. */
  public SqlScript with(String name, String value) {
    return new SqlScript(source, sql.replace("{{" + name + "}}", value));
  }
}
