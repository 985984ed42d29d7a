package io.strata.launcher.bench;

import io.strata.launcher.memory.GcNotifications;
import io.strata.launcher.memory.HeapPressure;
import io.strata.launcher.metrics.MetricsText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Takes a {@link SoakSample} when asked: garbage collections as this JVM reports them, the pipeline's
 * figures from the stack's metrics endpoint (what {@code strata status} reads), freshness from the
 * lake's new commits.
 */
final class SoakSampler {
  private static final double MIB = 1 << 20;

  private final URI metrics;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final SoakFreshness freshness;
  private final LakeWatch lake;
  private final long lakeRowsBefore;
  private final long startedNanos = System.nanoTime();
  private long lastSampleNanos = startedNanos;
  private int samples;

  // Written by the JVM's notification thread, read under the same lock.
  private long intervalGcMillis;
  private long intervalMinUsed = Long.MAX_VALUE;
  private long lastUsed = -1;
  private long youngGcs;
  private long fullGcs;

  SoakSampler(int metricsPort, SoakFreshness freshness, LakeWatch lake, long lakeRowsBefore) {
    this.metrics = URI.create("http://127.0.0.1:" + metricsPort + "/metrics");
    this.freshness = freshness;
    this.lake = lake;
    this.lakeRowsBefore = lakeRowsBefore;
    GcNotifications.listen(this::collected);
  }

  private synchronized void collected(HeapPressure.Collection c) {
    intervalGcMillis += c.durationMillis();
    intervalMinUsed = Math.min(intervalMinUsed, c.usedAfter());
    lastUsed = c.usedAfter();
    if (c.full()) {
      fullGcs++;
    } else {
      youngGcs++;
    }
  }

  /**
   * Starts a concurrent marking cycle when the JVM runs with {@code -XX:+ExplicitGCInvokesConcurrent}
   * (bin/strata soak sets it), and says whether it did. Under a steady load G1 may go for many minutes
   * without marking, and then the heap after its young collections holds every object promoted since,
   * garbage included; a cycle every few minutes lets the mixed collections that follow take it, so the
   * heap's low points show the live set. Without the flag {@code System.gc()} would be a full
   * collection: then nothing is started.
   */
  static boolean startMarkingCycle() {
    if (!explicitGcIsConcurrent()) {
      return false;
    }
    System.gc();
    return true;
  }

  static boolean explicitGcIsConcurrent() {
    var diagnostics = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
    try {
      return diagnostics != null && Boolean.parseBoolean(diagnostics.getVMOption("ExplicitGCInvokesConcurrent").getValue());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  SoakSample sample(long sentRecords) throws IOException, InterruptedException {
    int index = samples++;
    freshness.poll(lake, index);
    Map<String, Double> m = scrape();
    long now = System.nanoTime();
    double intervalMillis = (now - lastSampleNanos) / 1e6;
    lastSampleNanos = now;
    double heapAfterGc;
    double gcPercent;
    long young;
    long full;
    synchronized (this) {
      long used = intervalMinUsed != Long.MAX_VALUE ? intervalMinUsed : lastUsed;
      heapAfterGc = used < 0 ? Double.NaN : used / MIB;
      gcPercent = 100.0 * intervalGcMillis / intervalMillis;
      young = youngGcs;
      full = fullGcs;
      intervalGcMillis = 0;
      intervalMinUsed = Long.MAX_VALUE;
    }
    double[] fresh = freshness.between(index, index);
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    if (fresh.length > 0) {
      Percentiles p = new Percentiles(fresh);
      p50 = p.percentile(50);
      p99 = p.percentile(99);
    }
    long lakeRows = (long) lake.commits().stream().mapToLong(LakeWatch.Commit::totalRecords).max().orElse(0) - lakeRowsBefore;
    return new SoakSample(
        (now - startedNanos) / 1e9, sentRecords, lakeRows, heapAfterGc, gcPercent, young, full,
        ProcessStats.rssMiB(), get(m, "strata_state_keys", "ingest"), get(m, "strata_state_sst_bytes", "ingest") / MIB,
        get(m, "strata_checkpoint_last_size_bytes", "ingest") / MIB,
        get(m, "strata_checkpoint_last_full_size_bytes", "ingest") / MIB,
        get(m, "strata_checkpoint_last_duration_ms", "ingest") / 1000, get(m, "strata_source_lag_records", "ingest"),
        get(m, "strata_source_lag_records", "tier"), fresh.length, p50, p99);
  }

  /** Full collections since the sampler started. */
  synchronized long fullGcs() {
    return fullGcs;
  }

  private Map<String, Double> scrape() throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(metrics + " answered HTTP " + response.statusCode());
    }
    return MetricsText.parse(response.body());
  }

  private static double get(Map<String, Double> metrics, String name, String job) {
    return metrics.getOrDefault(name + "{job=\"" + job + "\"}", Double.NaN);
  }
}
