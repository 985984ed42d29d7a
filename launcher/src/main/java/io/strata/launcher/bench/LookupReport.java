package io.strata.launcher.bench;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.HistogramDataset;

/** The lookup benchmark's figures: printed, as a summary and a chart in the run's folder, as rows of BENCHMARKS.md. */
public final class LookupReport {
  static final String HEADING = "## Lookups through the API (`strata bench-lookup`)";
  static final String HEADER =
      "| date | commit | store | views | connections | lookups/s | latency p50 / p99 / p99.9 ms | redis-benchmark GET/s, p50 / p99 ms (the ceiling) | share of the ceiling |\n"
          + "|---|---|---|---|---|---|---|---|---|";

  private final String commit;
  private final long keys;
  private final int connections;
  private final List<LookupBenchmark.Run> runs;
  private final Optional<RedisCeiling.Result> ceiling;
  private final Optional<ViewFreshness.Result> freshness;

  public LookupReport(String commit, long keys, int connections, List<LookupBenchmark.Run> runs, Optional<RedisCeiling.Result> ceiling,
      Optional<ViewFreshness.Result> freshness) {
    this.freshness = freshness;
    this.commit = commit;
    this.keys = keys;
    this.connections = connections;
    this.runs = List.copyOf(runs);
    this.ceiling = ceiling;
  }

  /** p50, p99, p99.9 in milliseconds. */
  static double[] millis(HttpLoad.Result r) {
    Percentiles p = new Percentiles(r.latencyMicros());
    return new double[] {p.percentile(50) / 1000, p.percentile(99) / 1000, p.percentile(99.9) / 1000};
  }

  String ceilingText() {
    return ceiling.map(c -> String.format(Locale.ROOT, "%,.0f, %.3f / %.3f", c.perSecond(), c.p50Millis(), c.p99Millis()))
        .orElse("not measured (no Redis run)");
  }

  String share(LookupBenchmark.Run run) {
    return ceiling.map(c -> String.format(Locale.ROOT, "%.0f%%", 100 * run.lookups().perSecond() / c.perSecond())).orElse("-");
  }

  public void print(PrintStream out) {
    if (!runs.isEmpty()) {
      out.printf(Locale.ROOT, "%-10s %12s %10s %10s %10s %12s%n", "store", "lookups/s", "p50 ms", "p99 ms", "p99.9 ms", "of ceiling");
      for (LookupBenchmark.Run run : runs) {
        double[] ms = millis(run.lookups());
        out.printf(Locale.ROOT, "%-10s %,12.0f %10.3f %10.3f %10.3f %12s%n", run.store(), run.lookups().perSecond(), ms[0], ms[1], ms[2], share(run));
      }
      ceiling.ifPresent(c -> out.printf(Locale.ROOT, "%-10s %,12.0f %10.3f %10.3f %10s   (%s)%n", "redis GET", c.perSecond(), c.p50Millis(), c.p99Millis(), "-", c.command()));
      out.printf(Locale.ROOT, "%,d views per store, %d connections, loading took %s%n", keys, connections,
          String.join(", ", runs.stream().map(r -> String.format(Locale.ROOT, "%s %.0f s", r.store(), r.loadSeconds())).toList()));
    }
    freshness.ifPresent(f -> out.println(freshnessText(f)));
  }

  static String freshnessText(ViewFreshness.Result f) {
    Percentiles p = new Percentiles(f.seconds());
    String parts = f.toIngest().length == 0 ? "" : String.format(Locale.ROOT,
        "%n  of which send to ingest %s; ingest to readable in the hot log (committed) %s; readable to view written %s",
        p50p99(f.toIngest()), p50p99(f.ingestToReadable()), p50p99(f.readableToView()));
    return String.format(Locale.ROOT,
        "send to view: p50 %.2f s, p99 %.2f s, max %.2f s over %d probes, under %,d records/s, checkpoint every %d ms%s",
        p.percentile(50), p.percentile(99), p.max(), p.size(), f.rate(), f.checkpointIntervalMs(), parts);
  }

  private static String p50p99(double[] seconds) {
    Percentiles p = new Percentiles(seconds);
    return String.format(Locale.ROOT, "p50 %.2f s, p99 %.2f s", p.percentile(50), p.percentile(99));
  }

  static final String FRESHNESS_HEADING = "## Send to view freshness (`strata bench-lookup`)";
  static final String FRESHNESS_HEADER =
      "| date | commit | steady load | checkpoint interval | probes | send to view p50 / p99 / max s |\n|---|---|---|---|---|---|";

  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve("lookup.md")), true, "UTF-8")) {
      out.println("strata bench-lookup, commit " + commit);
      out.println();
      print(out);
    }
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    String[] labels = {"p50", "p99", "p99.9"};
    for (LookupBenchmark.Run run : runs) {
      double[] ms = millis(run.lookups());
      String series = String.format(Locale.ROOT, "API, %s store (%,.0f/s)", run.store(), run.lookups().perSecond());
      for (int i = 0; i < 3; i++) {
        data.addValue(ms[i], series, labels[i]);
      }
    }
    ceiling.ifPresent(c -> {
      String series = String.format(Locale.ROOT, "redis-benchmark GET (%,.0f/s)", c.perSecond());
      data.addValue(c.p50Millis(), series, "p50");
      data.addValue(c.p99Millis(), series, "p99");
    });
    JFreeChart chart =
        ChartFactory.createBarChart(
            String.format(Locale.ROOT, "Lookup latency, %,d views, %d connections on loopback (%s)", keys, connections, commit),
            "percentile", "milliseconds", data, PlotOrientation.VERTICAL, true, false, false);
    chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
    chart.getCategoryPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
    if (!runs.isEmpty()) {
      ChartUtils.saveChartAsPNG(dir.resolve("lookup.png").toFile(), chart, 1000, 560);
    }
    if (freshness.isPresent()) {
      ViewFreshness.Result f = freshness.get();
      HistogramDataset histogram = new HistogramDataset();
      histogram.addSeries("probes", f.seconds(), 40);
      JFreeChart fresh =
          ChartFactory.createHistogram(
              String.format(Locale.ROOT, "Send to view, %d probes under %,d records/s, checkpoint every %d ms (%s)",
                  f.seconds().length, f.rate(), f.checkpointIntervalMs(), commit),
              "seconds", "probes", histogram, PlotOrientation.VERTICAL, false, false, false);
      fresh.getXYPlot().setBackgroundPaint(Color.WHITE);
      ChartUtils.saveChartAsPNG(dir.resolve("freshness.png").toFile(), fresh, 1000, 560);
    }
  }

  public void appendRows(Path markdown) throws IOException {
    for (LookupBenchmark.Run run : runs) {
      double[] ms = millis(run.lookups());
      String row = String.format(Locale.ROOT, "| %s | %s | %s | %,d | %d | %,.0f | %.3f / %.3f / %.3f | %s | %s |",
          LocalDate.now(ZoneOffset.UTC), commit, run.store(), keys, connections, run.lookups().perSecond(), ms[0], ms[1], ms[2],
          ceilingText(), share(run));
      MarkdownTable.appendRow(markdown, HEADING, HEADER, row);
    }
    if (freshness.isPresent()) {
      ViewFreshness.Result f = freshness.get();
      Percentiles p = new Percentiles(f.seconds());
      MarkdownTable.appendRow(markdown, FRESHNESS_HEADING, FRESHNESS_HEADER,
          String.format(Locale.ROOT, "| %s | %s | %,d records/s | %d ms | %d | %.2f / %.2f / %.2f |", LocalDate.now(ZoneOffset.UTC),
              commit, f.rate(), f.checkpointIntervalMs(), p.size(), p.percentile(50), p.percentile(99), p.max()));
    }
  }
}
