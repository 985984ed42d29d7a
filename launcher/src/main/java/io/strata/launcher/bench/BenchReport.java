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
      "| date | commit | machine | records | checkpoint | ceiling rec/s (MB/s) | end to end rec/s (MB/s) | ratio to ceiling"
          + " | lake commits, files/commit | freshness p50 / p99 (at rec/s) | p99 / interval | stack CPU | peak RSS | cold start | run |\n"
          + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

  private BenchReport() {}

  public static void print(BenchResult r, PrintStream out) {
    out.printf(Locale.ROOT, "%-44s %s%n", "machine", r.machine());
    out.printf(Locale.ROOT, "%-44s %s%n", "commit", r.commit());
    out.printf(Locale.ROOT, "%-44s %,d records in the lake %.1f s after the first send%n", "warm-up (cold start)", r.warmUpEvents(), r.warmUpSeconds());
    out.printf(Locale.ROOT, "%-44s %,d (%,d unique valid, %.0f MB)%n", "records per phase", r.events(), r.uniqueEvents(), r.rawBytes() / 1e6);
    out.printf(Locale.ROOT, "%-44s %d ms, %d partitions%n", "checkpoint interval, topics", r.checkpointIntervalMs(), r.partitions());
    out.printf(Locale.ROOT, "%-44s %,10.0f records/s %8.1f MB/s  (%.1f s)%n", "Kafka produce ceiling", r.ceiling().eventsPerSecond(), r.ceiling().megabytesPerSecond(), r.ceiling().seconds());
    out.printf(Locale.ROOT, "%-44s %,10.0f records/s %8.1f MB/s  (%.1f s)%n", "end to end, exactly-once (raw -> log -> lake)", r.endToEnd().eventsPerSecond(), r.endToEnd().megabytesPerSecond(), r.endToEnd().seconds());
    out.printf(Locale.ROOT, "%-44s %.2f (target: at least 0.50)%n", "ratio to the ceiling", r.ratioToCeiling());
    out.printf(Locale.ROOT, "%-44s %d, %.1f data files each%n", "lake commits in that phase", r.lakeCommits(), r.dataFilesPerCommit());
    out.printf(Locale.ROOT, "%-44s %,d events at %,d/s: p50 %.2f s, p90 %.2f s, p99 %.2f s, max %.2f s%n", "freshness (send -> lake snapshot)",
        r.freshness().events(), r.freshness().ratePerSecond(), r.freshness().p50Seconds(), r.freshness().p90Seconds(), r.freshness().p99Seconds(), r.freshness().maxSeconds());
    out.printf(Locale.ROOT, "%-44s %.2f (target: at most 2)%n", "freshness p99 / checkpoint interval", r.freshness().p99ToInterval());
    out.printf(Locale.ROOT, "%-44s %.1f s stack, %.1f s load generator%n", "CPU time of the end-to-end phase", r.stackCpuSeconds(), r.producerCpuSeconds());
    out.printf(Locale.ROOT, "%-44s %,d MiB%n", "peak RSS of the stack's JVM", r.peakRssMiB());
    out.printf(Locale.ROOT, "%-44s %.0f s%n", "whole run", r.wallSeconds());
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
    return String.format(
        Locale.ROOT,
        "| %s | %s | %s | %,d | %d s | %,.0f (%.1f) | %,.0f (%.1f) | %.2f | %d, %.1f | %.1f s / %.1f s (%,d) | %.2f | %.0f s | %,d MiB | %.0f s | %.0f s |",
        r.date().substring(0, 10), r.commit(), r.machine(), r.events(), r.checkpointIntervalMs() / 1000,
        r.ceiling().eventsPerSecond(), r.ceiling().megabytesPerSecond(), r.endToEnd().eventsPerSecond(),
        r.endToEnd().megabytesPerSecond(), r.ratioToCeiling(), r.lakeCommits(), r.dataFilesPerCommit(),
        r.freshness().p50Seconds(), r.freshness().p99Seconds(), r.freshness().ratePerSecond(),
        r.freshness().p99ToInterval(), r.stackCpuSeconds(), r.peakRssMiB(), r.warmUpSeconds(), r.wallSeconds());
  }
}
