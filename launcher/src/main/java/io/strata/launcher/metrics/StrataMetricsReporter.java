package io.strata.launcher.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.strata.views.metrics.ViewMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink metric reporter that serves the pipeline's own figures in Prometheus text format on
 * 127.0.0.1: the ingest counters, each job's input lag and the lake commits. Values are read from the
 * live Flink metrics at each scrape and summed over subtasks, per job. The files and rows per lake
 * commit come from the lake table itself, read through the catalog at each scrape (Flink's committer
 * only counts cumulatively), when {@code catalog-uri} is set.
 */
public final class StrataMetricsReporter implements MetricReporter, MultiCollector {
  private static final Logger LOG = LoggerFactory.getLogger(StrataMetricsReporter.class);
  // The lake table is the tier job's output; its figures carry that job's label.
  private static final String LAKE_JOB = "tier";
  private static final Pattern VIEWS_JOB = Pattern.compile("views-(.+)-v(\\d+)");

  private final int port;
  private final Map<Metric, Registration> metrics = new ConcurrentHashMap<>();
  private HTTPServer server;
  private LakeCommitReader lake;

  private record Registration(PipelineMetric metric, String job) {}

  StrataMetricsReporter(int port) {
    this.port = port;
  }

  @Override
  public void open(MetricConfig config) {
    String catalogUri = config.getString("catalog-uri", "");
    if (!catalogUri.isEmpty()) {
      String token = config.getString("catalog-token", "");
      lake = new LakeCommitReader(catalogUri, token.isEmpty() ? Optional.empty() : Optional.of(token));
      lake.open();
    }
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(this);
    // What the rest of the process registers in the default registry (the lookup API's latency) is
    // served on the same endpoint.
    registry.register((MultiCollector) () -> PrometheusRegistry.defaultRegistry.scrape());
    try {
      server = HTTPServer.builder().hostname("127.0.0.1").port(port).registry(registry).buildAndStart();
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("strata.metrics.port: cannot serve metrics on 127.0.0.1:" + port, e);
    }
    LOG.info("pipeline metrics on http://127.0.0.1:{}/metrics", server.getPort());
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop();
    }
    if (lake != null) {
      try {
        lake.close();
      } catch (IOException e) {
        LOG.warn("closing the lake catalog client failed", e);
      }
    }
  }

  @Override
  public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
    PipelineMetric.byFlinkName(name)
        .ifPresent(m -> metrics.put(metric, new Registration(m, jobOf(group))));
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
    metrics.remove(metric);
  }

  private static String jobOf(MetricGroup group) {
    String job = group.getAllVariables().getOrDefault("<job_name>", "unknown");
    return job.startsWith("strata-") ? job.substring("strata-".length()) : job;
  }

  @Override
  public MetricSnapshots collect() {
    Map<PipelineMetric, Map<String, Double>> sums = new TreeMap<>();
    metrics.forEach(
        (metric, reg) -> {
          double value = valueOf(metric);
          if (!Double.isNaN(value)) {
            sums.computeIfAbsent(reg.metric(), k -> new TreeMap<>())
                .merge(reg.job(), value, reg.metric().minimum ? Math::min : Double::sum);
          }
        });
    if (lake != null) {
      lake.read()
          .ifPresent(
              stats -> {
                addLake(sums, PipelineMetric.LAKE_LAST_COMMIT_DATA_FILES, stats.lastCommitDataFiles());
                addLake(sums, PipelineMetric.LAKE_LAST_COMMIT_RECORDS, stats.lastCommitRecords());
                addLake(sums, PipelineMetric.LAKE_DATA_FILES_PER_COMMIT, stats.dataFilesPerCommit());
                addLake(sums, PipelineMetric.LAKE_COMMITS, stats.commits());
              });
    }
    MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
    sums.forEach((metric, byJob) -> snapshots.metricSnapshot(snapshot(metric, byJob)));
    Map<String, Double> pending = sums.getOrDefault(PipelineMetric.PENDING_RECORDS, Map.of());
    Map<String, Long> newest = ViewMetrics.newestIngestMillis();
    GaugeSnapshot.Builder records = GaugeSnapshot.builder().name("strata_view_lag_records")
        .help("Records of the hot log the projection version's job has not folded yet");
    GaugeSnapshot.Builder seconds = GaugeSnapshot.builder().name("strata_view_lag_seconds")
        .help("Age of the newest event in the projection version's views while its job is behind the hot log; 0 once it has caught up");
    long now = System.currentTimeMillis();
    boolean any = false;
    // One job per projection version (views-<projection>-v<version>): each is as far behind as its job.
    for (Map.Entry<String, Double> job : pending.entrySet()) {
      Matcher m = VIEWS_JOB.matcher(job.getKey());
      if (!m.matches()) {
        continue;
      }
      any = true;
      Labels labels = Labels.of("projection", m.group(1), "version", m.group(2));
      records.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(job.getValue()).build());
      Long ingest = newest.get(ViewMetrics.key(m.group(1), Integer.parseInt(m.group(2))));
      if (ingest != null) {
        seconds.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels)
            .value(ViewMetrics.lagSeconds(ingest, job.getValue(), now)).build());
      }
    }
    if (any) {
      snapshots.metricSnapshot(records.build()).metricSnapshot(seconds.build());
    }
    return snapshots.build();
  }

  private static void addLake(Map<PipelineMetric, Map<String, Double>> sums, PipelineMetric metric, double value) {
    if (!Double.isNaN(value)) {
      sums.computeIfAbsent(metric, k -> new TreeMap<>()).put(LAKE_JOB, value);
    }
  }

  private static io.prometheus.metrics.model.snapshots.MetricSnapshot snapshot(
      PipelineMetric metric, Map<String, Double> byJob) {
    if (metric.counter) {
      CounterSnapshot.Builder counter = CounterSnapshot.builder().name(metric.prometheusName).help(metric.help);
      byJob.forEach(
          (job, value) ->
              counter.dataPoint(
                  CounterSnapshot.CounterDataPointSnapshot.builder().labels(Labels.of("job", job)).value(value).build()));
      return counter.build();
    }
    GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(metric.prometheusName).help(metric.help);
    byJob.forEach(
        (job, value) ->
            gauge.dataPoint(
                GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(Labels.of("job", job)).value(value).build()));
    return gauge.build();
  }

  private static double valueOf(Metric metric) {
    if (metric instanceof Counter counter) {
      return counter.getCount();
    }
    if (metric instanceof Gauge<?> gauge && gauge.getValue() instanceof Number number) {
      return number.doubleValue();
    }
    return Double.NaN;
  }

  /** The names this reporter serves, for documentation and tests. */
  public static Set<String> exportedNames() {
    Set<String> names = new java.util.TreeSet<>();
    for (PipelineMetric m : PipelineMetric.values()) {
      names.add(m.counter ? m.prometheusName + "_total" : m.prometheusName);
    }
    return names;
  }
}
