package io.strata.launcher.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The soak's chart: every sampled figure over time, one panel each, the compared windows shaded. */
final class SoakCharts {
  private static final int WIDTH = 1100;
  private static final int HEIGHT = 1500;

  private SoakCharts() {}

  static void draw(SoakRun.Result r, Path png) throws IOException {
    List<SoakSample> samples = r.samples();
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("minutes since the steady load began"));
    plot.setGap(12);
    plot.add(panel("heap after GC, MiB", samples, r, series("heap after GC", samples, SoakSample::heapAfterGcMiB),
        series("resident memory (RSS)", samples, SoakSample::rssMiB)));
    plot.add(panel("GC pauses, % of time", samples, r, series("GC pauses", samples, SoakSample::gcPercent),
        series("full GCs (count)", samples, s -> s.fullGcs())));
    plot.add(panel("dedup state", samples, r, series("state on disk, MiB", samples, SoakSample::stateMiB),
        series("remembered ids, millions", samples, s -> s.stateKeys() / 1e6)));
    plot.add(panel("ingest checkpoint", samples, r, series("uploaded, MiB", samples, SoakSample::checkpointMiB),
        series("duration, s", samples, SoakSample::checkpointSeconds)));
    plot.add(panel("source lag, records", samples, r, series("ingest (raw topic)", samples, SoakSample::ingestLag),
        series("tier (hot log)", samples, SoakSample::tierLag)));
    plot.add(panel("freshness, s", samples, r, series("send -> lake p99", samples, SoakSample::freshnessP99),
        series("send -> lake p50", samples, SoakSample::freshnessP50)));
    SoakVerdict v = r.verdict();
    JFreeChart chart =
        new JFreeChart(
            String.format(Locale.ROOT, "Soak %s: %,d records/s for %.0f min; heap after GC x%.2f, %d full GCs, lake %s",
                r.commit(), r.rate(), r.sendSeconds() / 60, v.heapRatio(), v.fullGcs(), v.lakeExact() ? "exact" : "NOT exact"),
            JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
  }

  private static XYPlot panel(String axis, List<SoakSample> samples, SoakRun.Result r, XYSeries... series) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (XYSeries s : series) {
      data.addSeries(s);
    }
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < series.length; i++) {
      renderer.setSeriesStroke(i, new BasicStroke(i == 0 ? 2f : 1.2f));
    }
    NumberAxis range = new NumberAxis(axis);
    range.setAutoRangeIncludesZero(true);
    XYPlot plot = new XYPlot(data, null, range, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    double window = r.verdict().windowSeconds() / 60;
    double end = r.sendSeconds() / 60;
    plot.addDomainMarker(new IntervalMarker(0, window, new Color(0, 90, 200, 25)));
    plot.addDomainMarker(new IntervalMarker(end - window, end, new Color(0, 90, 200, 25)));
    return plot;
  }

  private static XYSeries series(String name, List<SoakSample> samples, ToDoubleFunction<SoakSample> figure) {
    XYSeries series = new XYSeries(name, false, true);
    for (SoakSample s : samples) {
      double y = figure.applyAsDouble(s);
      if (!Double.isNaN(y)) {
        series.add(s.seconds() / 60, y);
      }
    }
    return series;
  }
}
