package io.strata.tiering.lake;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import java.util.List;

/**
 * Maintenance's own Prometheus metrics, in the process's default registry (which the stack's
 * {@code /metrics} serves): actions by kind and outcome, rows and bytes they rewrote or deleted, each
 * pass's end and length, and the hot log's trimmed records.
 */
public final class MaintenanceMetrics {
  private static final Counter ACTIONS = Counter.builder().name("strata_maintenance_actions_total")
      .help("Maintenance actions, by action (compact, cold, expire, expire-snapshots, delete-orphans) and outcome")
      .labelNames("action", "outcome").register();
  private static final Counter ATTEMPTS = Counter.builder().name("strata_maintenance_retries_total")
      .help("Maintenance commits tried again after losing a race with another commit, by action")
      .labelNames("action").register();
  private static final Counter ROWS = Counter.builder().name("strata_maintenance_rows_total")
      .help("Rows rewritten (compact, cold) or deleted (expire) by maintenance, by action").labelNames("action").register();
  private static final Counter BYTES = Counter.builder().name("strata_maintenance_bytes_read_total")
      .help("Bytes of data files that maintenance rewrote or deleted, by action").labelNames("action").register();
  private static final Gauge LAST_PASS = Gauge.builder().name("strata_maintenance_last_pass_end_seconds")
      .help("When the last maintenance pass ended, Unix seconds").register();
  private static final Gauge LAST_PASS_SECONDS = Gauge.builder().name("strata_maintenance_last_pass_seconds")
      .help("How long the last maintenance pass took").register();
  private static final Counter HOT_LOG_DELETED = Counter.builder().name("strata_hot_log_deleted_records_total")
      .help("Hot-log records deleted by the retention of the tiering policies").register();

  private MaintenanceMetrics() {}

  public static void pass(List<RunRecord> records, long endMillis, long durationMillis) {
    for (RunRecord r : records) {
      ACTIONS.labelValues(r.action(), r.outcome()).inc();
      if (r.attempts() > 1) {
        ATTEMPTS.labelValues(r.action()).inc(r.attempts() - 1);
      }
      ROWS.labelValues(r.action()).inc(r.rows());
      BYTES.labelValues(r.action()).inc(r.bytesBefore());
    }
    LAST_PASS.set(endMillis / 1000.0);
    LAST_PASS_SECONDS.set(durationMillis / 1000.0);
  }

  public static void hotLogDeleted(long records) {
    HOT_LOG_DELETED.inc(records);
  }
}
