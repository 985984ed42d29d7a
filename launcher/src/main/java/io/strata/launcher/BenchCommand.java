package io.strata.launcher;

import io.strata.launcher.bench.BenchReport;
import io.strata.launcher.bench.PipelineBenchmark;
import io.strata.launcher.bench.PipelineBenchmark.Outcome;
import io.strata.launcher.stack.IsolatedStacks;
import io.strata.launcher.memory.MemoryWatchdog;
import io.strata.launcher.stack.StackConfig;
import io.strata.launcher.stack.StrataStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
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
    String commit = commit();
    Outcome outcome;
    try (StrataStack stack = StrataStack.start(config)) {
      System.out.println("strata bench: stack up, data in " + dir);
      outcome = new PipelineBenchmark(stack, settings, line -> System.out.println("strata bench: " + line)).run(dir, commit);
    } finally {
      if (dataDir == null) {
        deleteTree(dir);
      }
    }
    String stamp = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path runDir = resultsDir.resolve(stamp + "-" + commit);
    BenchReport.write(outcome.result(), outcome.freshnessSeconds(), runDir);
    BenchReport.appendRow(outcome.result(), markdown);
    System.out.println();
    BenchReport.print(outcome.result(), System.out);
    System.out.println("results: " + runDir + " (results.json, throughput.png, freshness.png); a row added to " + markdown);
    return 0;
  }

  /** The checkout's commit, {@code -dirty} when its code has uncommitted changes; "unknown" without git. */
  private static String commit() {
    try {
      String head = git("rev-parse", "--short=9", "HEAD");
      // Results from earlier runs (BENCHMARKS.md, the results folder) do not make the code dirty.
      String changes = git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!BENCHMARKS.md", ":!bench-results");
      return head.isEmpty() ? "unknown" : changes.isEmpty() ? head : head + "-dirty";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  private static String git(String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = "git";
    System.arraycopy(args, 0, command, 1, args.length);
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    return process.waitFor() == 0 ? out : "";
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
