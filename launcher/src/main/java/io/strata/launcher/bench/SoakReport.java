package io.strata.launcher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A soak run's results: a summary on the console, JSON and a chart in a folder, a row in BENCHMARKS.md. */
public final class SoakReport {
  static final String HEADING = "## Soak: the write path under a steady load (`strata soak`)";
  static final String HEADER =
      "| date | commit | steady load | records (unique) | heap after GC, low in first / last window (median) | full GCs | GC time"
          + " | dedup state at the end | bytes per id | checkpoint: uploaded / full, duration p50 / max"
          + " | lag max (ingest / tier) | freshness p99, first / last window | lake exact | peak RSS | held |\n"
          + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

  private SoakReport() {}

  public static void print(SoakRun.Result r, PrintStream out) {
    SoakVerdict v = r.verdict();
    SoakSample end = lastDuringLoad(r);
    line(out, "machine", r.machine());
    line(out, "commit", r.commit());
    line(out, "steady load", f("%,d records/s for %.0f s (%s), checkpoint %d ms, dedup window %s",
        r.rate(), r.sendSeconds(), r.measuredRate() > 0 ? f("%.0f%% of %,.0f events/s measured end to end",
            r.settings().load() * 100, r.measuredRate()) : "given", r.checkpointIntervalMs(), r.dedupTtl()));
    line(out, "records", f("%,d sent, %,d unique valid; drained %.0f s after the last send", r.recordsSent(),
        r.uniqueEvents(), r.drainSeconds()));
    line(out, "heap after GC, low", f("%,.0f MiB in the first %.0f s, %,.0f MiB in the last (x%.2f; held if within %.0f%%)",
        v.heapFirstMiB(), v.windowSeconds(), v.heapLastMiB(), v.heapRatio(), SoakVerdict.TOLERANCE * 100));
    line(out, "heap after GC, median", f("%,.0f MiB in the first window, %,.0f MiB in the last (G1's sawtooth)",
        v.heapFirstMedianMiB(), v.heapLastMedianMiB()));
    line(out, "garbage collection", f("%d full, %d young/mixed; %.1f%% of the time in pauses", v.fullGcs(),
        end.youngGcs(), meanGcPercent(r)));
    line(out, "dedup state at the end", f("%,.0f MiB on disk for %,.1fM ids (%.1f bytes an id)", end.stateMiB(),
        end.stateKeys() / 1e6, bytesPerId(end)));
    line(out, "ingest checkpoints", f("uploaded %.1f MiB median of %,.0f MiB in all at the end; duration p50 %.2f s, max %.2f s",
        median(r, SoakSample::checkpointMiB), end.checkpointFullMiB(), median(r, SoakSample::checkpointSeconds),
        max(r, SoakSample::checkpointSeconds)));
    line(out, "source lag, max", f("ingest %,.0f records, tier %,.0f records", max(r, SoakSample::ingestLag),
        max(r, SoakSample::tierLag)));
    line(out, "freshness p99 (send -> lake)", f("%.2f s in the first window, %.2f s in the last", v.freshnessP99First(),
        v.freshnessP99Last()));
    line(out, "lake", v.lakeExact() ? "exact: " + r.lakeChecksum() : "NOT exact: " + r.lakeChecksum() + ", expected "
        + r.expectedChecksum());
    line(out, "peak RSS of the stack's JVM", f("%,d MiB", r.peakRssMiB()));
    line(out, "held steady", v.passed() ? "yes" : "NO: " + failures(v));
  }

  /** Writes {@code results.json} and {@code soak.png} into {@code dir}. */
  public static void write(SoakRun.Result result, Path dir) throws IOException {
    Files.createDirectories(dir);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("results.json").toFile(), result);
    SoakCharts.draw(result, dir.resolve("soak.png"));
  }

  public static void appendRow(SoakRun.Result r, Path markdown) throws IOException {
    MarkdownTable.appendRow(markdown, HEADING, HEADER, row(r));
  }

  static String row(SoakRun.Result r) {
    SoakVerdict v = r.verdict();
    SoakSample end = lastDuringLoad(r);
    return f("| %s | %s | %,d/s for %.0f min | %,d (%,d) | %,.0f / %,.0f MiB (x%.2f; %,.0f / %,.0f) | %d | %.1f%% | %,.0f MiB, %,.1fM ids"
            + " | %.1f | %.1f / %,.0f MiB, %.2f / %.2f s | %,.0f / %,.0f | %.1f / %.1f s | %s | %,d MiB | %s |",
        r.date().substring(0, 10), r.commit(), r.rate(), r.sendSeconds() / 60, r.recordsSent(), r.uniqueEvents(),
        v.heapFirstMiB(), v.heapLastMiB(), v.heapRatio(), v.heapFirstMedianMiB(), v.heapLastMedianMiB(), v.fullGcs(),
        meanGcPercent(r), end.stateMiB(),
        end.stateKeys() / 1e6, bytesPerId(end), median(r, SoakSample::checkpointMiB), end.checkpointFullMiB(),
        median(r, SoakSample::checkpointSeconds), max(r, SoakSample::checkpointSeconds), max(r, SoakSample::ingestLag),
        max(r, SoakSample::tierLag), v.freshnessP99First(), v.freshnessP99Last(), v.lakeExact() ? "yes" : "NO",
        r.peakRssMiB(), v.passed() ? "yes" : "no: " + failures(v));
  }

  static String failures(SoakVerdict v) {
    StringBuilder why = new StringBuilder();
    if (!v.heapFlat()) {
      why.append("heap after GC moved ").append(f("x%.2f", v.heapRatio())).append("; ");
    }
    if (v.fullGcs() > 0) {
      why.append(v.fullGcs()).append(" full GCs; ");
    }
    if (!v.freshnessHeld()) {
      why.append("freshness p99 rose; ");
    }
    if (!v.lakeExact()) {
      why.append("lake not exact; ");
    }
    return why.toString().replaceAll("; $", "");
  }

  /** The samples taken while the steady load was sending. */
  static List<SoakSample> duringLoad(SoakRun.Result r) {
    return r.samples().stream().filter(s -> s.seconds() <= r.sendSeconds() + 1e-9).toList();
  }

  private static SoakSample lastDuringLoad(SoakRun.Result r) {
    List<SoakSample> load = duringLoad(r);
    return load.isEmpty() ? r.samples().get(r.samples().size() - 1) : load.get(load.size() - 1);
  }

  private static double bytesPerId(SoakSample s) {
    return s.stateMiB() * (1 << 20) / s.stateKeys();
  }

  private static double meanGcPercent(SoakRun.Result r) {
    return duringLoad(r).stream().mapToDouble(SoakSample::gcPercent).average().orElse(Double.NaN);
  }

  private static double median(SoakRun.Result r, java.util.function.ToDoubleFunction<SoakSample> figure) {
    double[] v = duringLoad(r).stream().mapToDouble(figure).filter(d -> !Double.isNaN(d)).sorted().toArray();
    return v.length == 0 ? Double.NaN : v[v.length / 2];
  }

  private static double max(SoakRun.Result r, java.util.function.ToDoubleFunction<SoakSample> figure) {
    return Arrays.stream(duringLoad(r).stream().mapToDouble(figure).filter(d -> !Double.isNaN(d)).toArray()).max().orElse(Double.NaN);
  }

  private static void line(PrintStream out, String what, String value) {
    out.printf(Locale.ROOT, "%-30s %s%n", what, value);
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
