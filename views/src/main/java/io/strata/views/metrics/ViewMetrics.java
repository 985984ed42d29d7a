package io.strata.views.metrics;

import io.prometheus.metrics.core.metrics.Histogram;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The views' own Prometheus metrics, in the process's default registry (which the stack's
 * {@code /metrics} serves): {@code strata_view_update_seconds{projection}}, from an event's ingest (its
 * {@code ingest_time}) to the write of the view it changed, per projection; and the newest ingest time
 * written per projection, from which the stack's metrics give each projection's lag in seconds.
 */
public final class ViewMetrics {
  private static final ConcurrentHashMap<String, Long> NEWEST_INGEST = new ConcurrentHashMap<>();
  private static final Histogram UPDATE =
      Histogram.builder()
          .name("strata_view_update_seconds")
          .help("From an event's ingest to the write of its view to the store, per projection")
          .labelNames("projection")
          .classicUpperBounds(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 20, 30, 60, 120, 300)
          .register();

  private ViewMetrics() {}

  /**
   * A view of a projection version was written at {@code nowMillis}; its newest event was ingested at
   * {@code ingestMillis}.
   */
  public static void written(String projection, int version, long ingestMillis, long nowMillis) {
    if (ingestMillis > 0) {
      UPDATE.labelValues(projection).observe(Math.max(0, nowMillis - ingestMillis) / 1000.0);
      NEWEST_INGEST.merge(key(projection, version), ingestMillis, Math::max);
    }
  }

  /** {@code entity-state:v2}: how {@link #newestIngestMillis()} names a projection version. */
  public static String key(String projection, int version) {
    return projection + ":v" + version;
  }

  /** Per projection version ({@link #key}), the ingest time of the newest event whose view this process has written. */
  public static Map<String, Long> newestIngestMillis() {
    return Map.copyOf(NEWEST_INGEST);
  }

  /**
   * How far a projection's views are behind, in seconds: none while its job has read the hot log to the
   * end ({@code lagRecords} 0), else the age of the newest event written.
   */
  public static double lagSeconds(long newestIngestMillis, double lagRecords, long nowMillis) {
    return lagRecords <= 0 ? 0 : Math.max(0, nowMillis - newestIngestMillis) / 1000.0;
  }
}
