package io.strata.launcher;

import io.strata.launcher.bench.BenchReport;
import io.strata.launcher.bench.BenchRuns;
import io.strata.launcher.bench.PipelineBenchmark;
import io.strata.launcher.bench.PipelineBenchmark.Outcome;
import io.strata.launcher.stack.IsolatedStacks;
import io.strata.launcher.memory.MemoryWatchdog;
import io.strata.launcher.stack.StackConfig;
import io.strata.launcher.stack.StrataStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata bench}: the pipeline's throughput against the Kafka ceiling, and its freshness. */
@Command(
    name = "bench",
    description = "Start a stack of its own and measure the Kafka produce ceiling, exactly-once end-to-end"
        + " throughput to the lake and send-to-lake freshness, in one run.")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--events", defaultValue = "2500000", description = "Records per throughput phase (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--warm-up-events", defaultValue = "300000", description = "Records through the pipeline before measuring (default: ${DEFAULT-VALUE}).")
  long warmUpEvents;

  @Option(names = "--freshness-load", defaultValue = "0.5", description = "Freshness phase rate as a share of the end-to-end rate (default: ${DEFAULT-VALUE}).")
  double freshnessLoad;

  @Option(names = "--freshness-seconds", defaultValue = "60", description = "How long the freshness phase sends (default: ${DEFAULT-VALUE}).")
  int freshnessSeconds;

  @Option(names = "--results", defaultValue = "bench-results", description = "Folder for each run's JSON and charts (default: ${DEFAULT-VALUE}).")
  Path resultsDir;

  @Option(names = "--markdown", defaultValue = "BENCHMARKS.md", description = "File to add the summary row to (default: ${DEFAULT-VALUE}).")
  Path markdown;

  @Option(names = "--data-dir", description = "Where the benchmark's stack keeps its data (default: a temporary folder, removed after).")
  Path dataDir;

  @Option(names = {"-D", "--set"}, description = "Override a stack key, e.g. -D strata.checkpoint.interval=5s.")
  Map<String, String> overrides = new HashMap<>();

  @Override
  public Integer call() throws Exception {
    System.setProperty("java.awt.headless", "true");
    PipelineBenchmark.Settings settings;
    StackConfig config;
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("strata-bench");
    try {
      settings = new PipelineBenchmark.Settings(events, warmUpEvents, freshnessLoad, Duration.ofSeconds(freshnessSeconds), Duration.ofMinutes(2));
      Map<String, String> values = IsolatedStacks.settings(dir);
      values.putAll(overrides);
      config = StackConfig.from(values);
    } catch (IllegalArgumentException e) {
      System.err.println("strata bench: bad configuration: " + e.getMessage());
      return 2;
    }
    MemoryWatchdog.install("bench");
    String commit = BenchRuns.commit();
    Outcome outcome;
    try (StrataStack stack = StrataStack.start(config)) {
      System.out.println("strata bench: stack up, data in " + dir);
      outcome = new PipelineBenchmark(stack, settings, line -> System.out.println("strata bench: " + line)).run(dir, commit);
    } finally {
      if (dataDir == null) {
        BenchRuns.deleteTree(dir);
      }
    }
    Path runDir = BenchRuns.runDir(resultsDir, commit);
    BenchReport.write(outcome.result(), outcome.freshnessSeconds(), runDir);
    BenchReport.appendRow(outcome.result(), markdown);
    System.out.println();
    BenchReport.print(outcome.result(), System.out);
    System.out.println("results: " + runDir + " (results.json, throughput.png, freshness.png); a row added to " + markdown);
    return 0;
  }
}
