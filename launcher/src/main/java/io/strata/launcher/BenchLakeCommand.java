package io.strata.launcher;

import io.strata.launcher.memory.MemoryWatchdog;
import io.strata.launcher.bench.BenchRuns;
import io.strata.launcher.bench.LakeBenchmark;
import io.strata.launcher.bench.MarkdownTable;
import io.strata.launcher.stack.IsolatedStacks;
import io.strata.launcher.stack.StackConfig;
import io.strata.launcher.stack.StrataStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata bench-lake}: the lake before and after sorted compaction, on events the pipeline wrote. */
@Command(name = "bench-lake", description = "Send N events through the pipeline (Kafka, ingest, tier: a commit per checkpoint), then time"
    + " one entity's timeline and a one-day aggregate on Trino before and after one sorted compaction of the shipped policy, and"
    + " again after its cold tier rolls every complete month up;"
    + " files per partition, ratios, a chart, a row in BENCHMARKS.md.")
final class BenchLakeCommand implements Callable<Integer> {
  private static final String HEADING = "## Lake layout: before and after sorted compaction (strata bench-lake)";
  private static final String HEADER =
      "| date | commit | rows | files before -> after (per partition, median) | timeline ms before -> after | one-day aggregate ms before -> after | compaction | load | after the cold roll-up: files, timeline ms, one-day ms, roll-up |\n"
          + "|---|---|---|---|---|---|---|---|---|";

  @Option(names = "--events", defaultValue = "10000000", description = "Events to send, over 30 days of event time (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--runs", defaultValue = "5", description = "Timed runs per query after one warm-up (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--policy", defaultValue = "tiering-policies/events.yaml", description = "The policy whose compaction is applied (default: ${DEFAULT-VALUE}).")
  Path policy;

  @Option(names = "--rows-in-memory", defaultValue = "50000", description = "The most rows a rewrite holds in memory (default: ${DEFAULT-VALUE}).")
  int rowsInMemory;

  @Option(names = "--data-dir", description = "Where the benchmark's stack keeps its data (default: a new temporary folder).")
  Path dataDir;

  @Option(names = "--results", defaultValue = "bench-results", description = "Folder for each run's chart (default: ${DEFAULT-VALUE}).")
  Path resultsDir;

  @Option(names = "--markdown", defaultValue = "BENCHMARKS.md", description = "File to add the summary row to (default: ${DEFAULT-VALUE}).")
  Path markdown;

  @Override
  public Integer call() throws Exception {
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("strata-bench-lake");
    Map<String, String> settings = IsolatedStacks.settings(dir);
    settings.put("strata.trino.enabled", "true");
    // The lake as the tier job leaves it: no views job competing for the cores, no maintenance pass
    // before the one measured.
    settings.put("strata.views.enabled", "false");
    settings.put("strata.maintenance.enabled", "false");
    String commit = BenchRuns.commit();
    MemoryWatchdog.install("bench-lake");
    LakeBenchmark.Result r;
    try (StrataStack stack = StrataStack.start(StackConfig.from(settings))) {
      r = new LakeBenchmark(stack, line -> System.out.println("strata bench-lake: " + line))
          .run(events, runs, policy, dir.resolve("spill"), rowsInMemory);
    }
    Path runDir = Files.createDirectories(BenchRuns.runDir(resultsDir, commit));
    Path chart = runDir.resolve("lake-layout.png");
    LakeBenchmark.chart(r, commit, chart);
    String row = String.format(Locale.ROOT,
        "| %s | %s | %,d | %,d -> %,d (%d -> %d) | %.0f -> %.0f (x%.1f) | %.0f -> %.0f (x%.1f) | %.0f s | %.0f s | %,d, %.0f (x%.1f), %.0f, %.0f s |",
        LocalDate.now(ZoneOffset.UTC), commit, r.rows(), r.before().files(), r.after().files(), r.before().medianFiles(),
        r.after().medianFiles(), r.timelineBefore().median(), r.timelineAfter().median(), r.timelineSpeedup(), r.dayBefore().median(),
        r.dayAfter().median(), r.daySpeedup(), r.compactionSeconds(), r.loadSeconds(), r.cold().files(), r.timelineCold().median(),
        r.timelineColdSpeedup(), r.dayCold().median(), r.coldSeconds());
    MarkdownTable.appendRow(markdown, HEADING, HEADER, row);
    System.out.println("strata bench-lake: chart " + chart + "; added a row to " + markdown);
    return 0;
  }
}
