package io.strata.launcher.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The PNG charts of a benchmark run, drawn without a display. */
final class BenchCharts {
  private static final int WIDTH = 1000;
  private static final int HEIGHT = 560;

  private BenchCharts() {}

  /** Cumulative records over time: the produce ceiling, the sends to the raw topic, the lake's rows. */
  static void throughput(BenchResult result, Path png) throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(series(String.format(Locale.ROOT, "Kafka produce ceiling (%,.0f events/s)",
        result.ceiling().eventsPerSecond()), result.curves().ceilingSent()));
    data.addSeries(series("sent to events.raw", result.curves().endToEndSent()));
    data.addSeries(series(String.format(Locale.ROOT, "committed to the lake (%,.0f events/s end to end)",
        result.endToEnd().eventsPerSecond()), result.curves().lakeRows()));
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            String.format(Locale.ROOT, "Strata end to end vs. Kafka ceiling: %.0f%% (%s)",
                result.ratioToCeiling() * 100, result.commit()),
            "seconds since the first send", "events (cumulative)", data, PlotOrientation.VERTICAL,
            true, false, false);
    chart.getXYPlot().setBackgroundPaint(Color.WHITE);
    chart.getXYPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
  }

  /** How long events took from their send to the lake, with p50, p99 and the target marked. */
  static void freshness(BenchResult result, double[] seconds, Path png) throws IOException {
    HistogramDataset data = new HistogramDataset();
    data.addSeries("events", seconds, 60);
    JFreeChart chart =
        ChartFactory.createHistogram(
            String.format(Locale.ROOT, "Send to visible in the lake, %,d events at %,d/s, checkpoint every %d s",
                result.freshness().events(), result.freshness().ratePerSecond(), result.checkpointIntervalMs() / 1000),
            "seconds", "events", data, PlotOrientation.VERTICAL, false, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.addDomainMarker(marker("p50", result.freshness().p50Seconds(), Color.BLUE));
    plot.addDomainMarker(marker("p99", result.freshness().p99Seconds(), Color.RED));
    plot.addDomainMarker(marker("target: 2 x interval", 2 * result.checkpointIntervalMs() / 1000.0, Color.DARK_GRAY));
    ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
  }

  /** Warm query latency before and after sorted compaction, medians on a log scale. */
  static void lakeLayout(LakeBenchmark.Result r, String commit, Path png) throws IOException {
    org.jfree.data.category.DefaultCategoryDataset data = new org.jfree.data.category.DefaultCategoryDataset();
    String before = String.format(Locale.ROOT, "as the pipeline leaves it (%,d files)", r.before().files());
    String after = String.format(Locale.ROOT, "after sorted compaction (%,d files)", r.after().files());
    String timeline = String.format(Locale.ROOT, "one entity's timeline (%,d rows): x%.1f, x%.1f", r.timelineBefore().rows(),
        r.timelineSpeedup(), r.timelineColdSpeedup());
    String day = String.format(Locale.ROOT, "one-day aggregate: x%.1f, x%.1f", r.daySpeedup(), r.dayColdSpeedup());
    String cold = String.format(Locale.ROOT, "after the cold roll-up into months (%,d files)", r.cold().files());
    data.addValue(r.timelineBefore().median(), before, timeline);
    data.addValue(r.timelineAfter().median(), after, timeline);
    data.addValue(r.timelineCold().median(), cold, timeline);
    data.addValue(r.dayBefore().median(), before, day);
    data.addValue(r.dayAfter().median(), after, day);
    data.addValue(r.dayCold().median(), cold, day);
    JFreeChart chart = ChartFactory.createBarChart(
        String.format(Locale.ROOT, "Trino, warm, on %,d events written by the pipeline (%s)", r.rows(), commit),
        "query", "median ms (log scale)", data, PlotOrientation.VERTICAL, true, false, false);
    org.jfree.chart.plot.CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    org.jfree.chart.axis.LogAxis axis = new org.jfree.chart.axis.LogAxis("median ms (log scale)");
    axis.setSmallestValue(1);
    axis.setNumberFormatOverride(new java.text.DecimalFormat("#,##0"));
    plot.setRangeAxis(axis);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
  }

  private static XYSeries series(String name, List<double[]> points) {
    XYSeries series = new XYSeries(name, false, true);
    for (double[] p : points) {
      series.add(p[0], p[1]);
    }
    return series;
  }

  private static ValueMarker marker(String label, double at, Color color) {
    ValueMarker marker = new ValueMarker(at, color, new BasicStroke(2f));
    marker.setLabel(label);
    marker.setLabelPaint(color);
    return marker;
  }
}
