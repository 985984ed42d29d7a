package io.strata.launcher.bench;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Warm query latency over a lake of N synthetic events: loads them through Trino (one INSERT per day
 * and event type, so each writes one partition within the 1 GB heap's per-query memory), then times
 * each analyst query after a warm-up run.
 */
public final class SqlBenchmark {
  static final String[] TYPES = {"order.placed", "order.shipped", "user.signed_up", "page.viewed", "payment.failed"};
  private static final int DAYS = 30;
  private static final int BATCH = 10_000;

  private final Connection trino;
  private final LocalDate firstDay;

  public SqlBenchmark(Connection trino, LocalDate firstDay) {
    this.trino = requireNonNull(trino, "trino is null");
    this.firstDay = requireNonNull(firstDay, "firstDay is null");
  }

  /** Loads {@code events} rows spread evenly over 30 days, event ids 0 to events - 1. */
  public void load(long events) throws SQLException {
    if (events < DAYS) {
      throw new IllegalArgumentException("--events must be at least " + DAYS);
    }
    try (Statement st = trino.createStatement()) {
      for (int d = 0; d < DAYS; d++) {
        for (int type = 0; type < TYPES.length; type++) {
          st.execute(insertSlice(firstDay.plusDays(d), d * events / DAYS, (d + 1) * events / DAYS, type));
        }
      }
    }
  }

  /** Rows {@code from <= n < to} of one day whose type index is {@code type}. */
  private static String insertSlice(LocalDate day, long from, long to, int type) {
    long stepMillis = 86_400_000L / (to - from);
    String time = "date_add('millisecond', (n - " + from + ") * " + stepMillis + "%s, TIMESTAMP '" + day + " 00:00:00.000000 UTC')";
    return "INSERT INTO lake.strata.events "
        + "SELECT format('bench-%d', n), '" + TYPES[type] + "', 1, "
        + "format('tenant-%d', n % 10), format('entity-%d', (n / 10) % 10000), "
        + String.format(time, "") + ", " + String.format(time, " + 1000") + ", "
        + "'bench', format('corr-%d', n), CAST(NULL AS varchar), format('entity-%d', (n / 10) % 10000), "
        + "format('{\"n\":%d,\"amount_cents\":%d}', n, n % 100000), CAST(n % 4 AS integer), n "
        + "FROM (SELECT " + from + " + i * " + BATCH + " + j AS n "
        + "FROM UNNEST(sequence(0, " + ((to - from - 1) / BATCH) + ")) AS a(i) "
        + "CROSS JOIN UNNEST(sequence(0, " + (BATCH - 1) + ")) AS b(j)) "
        + "WHERE n < " + to + " AND n % " + TYPES.length + " = " + type;
  }

  /** The queries timed, by name. */
  public Map<String, String> queries() {
    LocalDate day = firstDay.plusDays(DAYS / 2);
    Map<String, String> queries = new LinkedHashMap<>();
    queries.put(
        "one-day count by type",
        "SELECT event_type, count(*) FROM lake.strata.events WHERE event_time >= TIMESTAMP '" + day
            + " 00:00:00 UTC' AND event_time < TIMESTAMP '" + day.plusDays(1) + " 00:00:00 UTC' GROUP BY 1");
    queries.put(
        "one entity's timeline",
        "SELECT seq, event_time, event_type, payload FROM lake.strata.entity_timeline"
            + " WHERE tenant_id = 'tenant-3' AND entity_id = 'entity-4242' ORDER BY seq");
    queries.put(
        "30-day aggregate",
        "SELECT CAST(date_trunc('day', hour) AS date) AS day, event_type, tenant_id, sum(events)"
            + " FROM lake.strata.events_per_hour WHERE hour >= TIMESTAMP '" + firstDay
            + " 00:00:00 UTC' AND hour < TIMESTAMP '" + firstDay.plusDays(DAYS) + " 00:00:00 UTC' GROUP BY 1, 2, 3");
    return queries;
  }

  /** One warm-up run, then {@code runs} timed runs; returns the timings in milliseconds and rows. */
  public Timing time(String sql, int runs) throws SQLException {
    return time(trino, sql, runs);
  }

  /** One warm-up run, then {@code runs} timed ones of a query on the given connection. */
  public static Timing time(Connection trino, String sql, int runs) throws SQLException {
    long rows = run(trino, sql);
    double[] millis = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      long again = run(trino, sql);
      millis[i] = (System.nanoTime() - start) / 1e6;
      if (again != rows) {
        throw new IllegalStateException("row count changed between runs: " + rows + " then " + again);
      }
    }
    return new Timing(millis, rows);
  }

  private static long run(Connection trino, String sql) throws SQLException {
    long rows = 0;
    try (Statement st = trino.createStatement();
        ResultSet result = st.executeQuery(sql)) {
      while (result.next()) {
        rows++;
      }
    }
    return rows;
  }

  /** Timings of one query. */
  public record Timing(double[] millis, long rows) {
    public double median() {
      double[] sorted = millis.clone();
      Arrays.sort(sorted);
      int mid = sorted.length / 2;
      return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public double min() {
      return Arrays.stream(millis).min().orElse(Double.NaN);
    }

    public double max() {
      return Arrays.stream(millis).max().orElse(Double.NaN);
    }

    public List<Double> all() {
      List<Double> list = new ArrayList<>();
      Arrays.stream(millis).forEach(list::add);
      return list;
    }
  }
}
