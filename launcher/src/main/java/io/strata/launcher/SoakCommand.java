package io.strata.launcher;

import io.strata.launcher.bench.BenchRuns;
import io.strata.launcher.bench.SoakReport;
import io.strata.launcher.bench.SoakRun;
import io.strata.launcher.memory.MemoryWatchdog;
import io.strata.launcher.stack.IsolatedStacks;
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

/** {@code strata soak}: the write path under a steady load for a long time. */
@Command(
    name = "soak",
    description = "Start a stack of its own and run a steady load (a share of the measured end-to-end rate) for a"
        + " long time, sampling heap after GC, GC time, the dedup state, checkpoints, lags and freshness; at the end"
        + " the lake must hold exactly the unique valid events sent.")
final class SoakCommand implements Callable<Integer> {
  @Option(names = "--minutes", defaultValue = "30", description = "How long the steady load sends (default: ${DEFAULT-VALUE}).")
  double minutes;

  @Option(names = "--load", defaultValue = "0.8", description = "The steady rate as a share of the end-to-end rate measured first (default: ${DEFAULT-VALUE}).")
  double load;

  @Option(names = "--rate", defaultValue = "0", description = "Records per second instead of measuring first (default: measure).")
  int rate;

  @Option(names = "--sample-seconds", defaultValue = "10", description = "Seconds between samples (default: ${DEFAULT-VALUE}).")
  int sampleSeconds;

  @Option(names = "--warm-up-events", defaultValue = "300000", description = "Records through the pipeline before measuring (default: ${DEFAULT-VALUE}).")
  long warmUpEvents;

  @Option(names = "--measure-events", defaultValue = "2500000", description = "Events of the end-to-end measurement, as many as strata bench sends (default: ${DEFAULT-VALUE}).")
  long measureEvents;

  @Option(names = "--results", defaultValue = "bench-results", description = "Folder for each run's JSON and chart (default: ${DEFAULT-VALUE}).")
  Path resultsDir;

  @Option(names = "--markdown", defaultValue = "BENCHMARKS.md", description = "File to add the summary row to (default: ${DEFAULT-VALUE}).")
  Path markdown;

  @Option(names = "--data-dir", description = "Where the soak's stack keeps its data (default: a temporary folder, removed after).")
  Path dataDir;

  @Option(names = {"-D", "--set"}, description = "Override a stack key, e.g. -D strata.ingest.dedup-ttl=10m.")
  Map<String, String> overrides = new HashMap<>();

  @Override
  public Integer call() throws Exception {
    System.setProperty("java.awt.headless", "true");
    SoakRun.Settings settings;
    StackConfig config;
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("strata-soak");
    try {
      settings =
          new SoakRun.Settings(
              Duration.ofMillis(Math.round(minutes * 60_000)), load, rate, Duration.ofSeconds(sampleSeconds),
              warmUpEvents, measureEvents, Duration.ofMinutes(3));
      Map<String, String> values = IsolatedStacks.settings(dir);
      values.putAll(overrides);
      config = StackConfig.from(values);
    } catch (IllegalArgumentException e) {
      System.err.println("strata soak: bad configuration: " + e.getMessage());
      return 2;
    }
    MemoryWatchdog.install("soak");
    String commit = BenchRuns.commit();
    SoakRun.Result result;
    try (StrataStack stack = StrataStack.start(config)) {
      System.out.println("strata soak: stack up, data in " + dir);
      result = new SoakRun(stack, settings, line -> System.out.println("strata soak: " + line)).run(dir, commit);
    } finally {
      if (dataDir == null) {
        BenchRuns.deleteTree(dir);
      }
    }
    Path runDir = BenchRuns.runDir(resultsDir, commit);
    SoakReport.write(result, runDir);
    SoakReport.appendRow(result, markdown);
    System.out.println();
    SoakReport.print(result, System.out);
    System.out.println("results: " + runDir + " (results.json, soak.png); a row added to " + markdown);
    return result.verdict().passed() ? 0 : 1;
  }
}
