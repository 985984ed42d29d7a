package io.strata.launcher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a run's results: a table on the console, JSON and charts in a folder, a row in BENCHMARKS.md. */
public final class BenchReport {
  static final String HEADING = "## Pipeline throughput and freshness (`strata bench`)";
  static final String HEADER =
      "| date | commit | events | checkpoint | ceiling ev/s (MB/s) | end to end ev/s (MB/s) | ratio to ceiling"
          + " | lake commit rate while backlogged, ev/s | lake commits, files/commit | freshness p50 / p99 (at ev/s)"
          + " | p99 / interval | stack CPU user + sys | peak RSS | cold start | run |\n"
          + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

  private BenchReport() {}

  public static void print(BenchResult r, PrintStream out) {
    line(out, "machine", r.machine());
    line(out, "commit", r.commit());
    line(out, "warm-up (cold start)", f("%,d records in the lake %.1f s after the first send", r.warmUpEvents(), r.warmUpSeconds()));
    line(out, "events per phase", f("%,d (%.0f MB)", r.events(), r.rawBytes() / 1e6));
    line(out, "checkpoint interval, topics", f("tier %d ms, ingest %d ms, %d partitions", r.checkpointIntervalMs(),
        r.ingestCheckpointIntervalMs(), r.partitions()));
    line(out, "Kafka produce ceiling", f("%,10.0f events/s %7.1f MB/s  (median of 3 passes: %,.0f-%,.0f)",
        r.ceiling().eventsPerSecond(), r.ceiling().megabytesPerSecond(), r.ceilingMinEventsPerSecond(), r.ceilingMaxEventsPerSecond()));
    line(out, "end to end, exactly-once (raw -> log -> lake)", f("%,10.0f events/s %7.1f MB/s  (first send to last event in the lake: %.1f s)",
        r.endToEnd().eventsPerSecond(), r.endToEnd().megabytesPerSecond(), r.endToEnd().seconds()));
    line(out, "lake commit rate while backlogged", f("%,10.0f events/s %7.1f MB/s  (over %.0f s)",
        r.sustained().eventsPerSecond(), r.sustained().megabytesPerSecond(), r.sustained().seconds()));
    line(out, "ratio to the ceiling", f("%.2f (target: at least 0.50)", r.ratioToCeiling()));
    line(out, "lake commits in that phase", f("%d, %.1f data files each", r.lakeCommits(), r.dataFilesPerCommit()));
    line(out, "freshness (send -> lake snapshot)", f("%,d events at %,d/s: p50 %.2f s, p90 %.2f s, p99 %.2f s, max %.2f s",
        r.freshness().events(), r.freshness().ratePerSecond(), r.freshness().p50Seconds(), r.freshness().p90Seconds(),
        r.freshness().p99Seconds(), r.freshness().maxSeconds()));
    line(out, "freshness p99 / checkpoint interval", f("%.2f (target: at most 2)", r.freshness().p99ToInterval()));
    line(out, "CPU time of the end-to-end phase", f("stack %.1f s user + %.1f s system; load generator %.1f s",
        r.stackUserCpuSeconds(), r.stackSystemCpuSeconds(), r.producerCpuSeconds()));
    line(out, "peak RSS of the stack's JVM", f("%,d MiB", r.peakRssMiB()));
    line(out, "whole run", f("%.0f s", r.wallSeconds()));
  }

  /** Writes {@code results.json}, {@code throughput.png} and {@code freshness.png} into {@code dir}. */
  public static void write(BenchResult result, double[] freshnessSeconds, Path dir) throws IOException {
    Files.createDirectories(dir);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("results.json").toFile(), result);
    BenchCharts.throughput(result, dir.resolve("throughput.png"));
    BenchCharts.freshness(result, freshnessSeconds, dir.resolve("freshness.png"));
  }

  public static void appendRow(BenchResult r, Path markdown) throws IOException {
    MarkdownTable.appendRow(markdown, HEADING, HEADER, row(r));
  }

  static String row(BenchResult r) {
    return f(
        "| %s | %s | %,d | %s | %,.0f (%.1f) | %,.0f (%.1f) | %.2f | %,.0f | %d, %.1f | %.1f s / %.1f s (%,d) | %.2f"
            + " | %.0f + %.0f s | %,d MiB | %.0f s | %.0f s |",
        r.date().substring(0, 10), r.commit(), r.events(), intervals(r),
        r.ceiling().eventsPerSecond(), r.ceiling().megabytesPerSecond(), r.endToEnd().eventsPerSecond(),
        r.endToEnd().megabytesPerSecond(), r.ratioToCeiling(), r.sustained().eventsPerSecond(), r.lakeCommits(),
        r.dataFilesPerCommit(), r.freshness().p50Seconds(), r.freshness().p99Seconds(), r.freshness().ratePerSecond(),
        r.freshness().p99ToInterval(), r.stackUserCpuSeconds(), r.stackSystemCpuSeconds(), r.peakRssMiB(),
        r.warmUpSeconds(), r.wallSeconds());
  }

  /** The tier job's interval (the lake's commits), and the ingest job's when it differs. */
  static String intervals(BenchResult r) {
    String tier = millis(r.checkpointIntervalMs());
    return r.ingestCheckpointIntervalMs() == r.checkpointIntervalMs() ? tier : tier + " (ingest " + millis(r.ingestCheckpointIntervalMs()) + ")";
  }

  private static String millis(long ms) {
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }

  private static void line(PrintStream out, String what, String value) {
    out.printf(Locale.ROOT, "%-46s %s%n", what, value);
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
