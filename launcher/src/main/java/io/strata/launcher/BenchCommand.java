package io.strata.launcher;

import io.strata.launcher.bench.BenchReport;
import io.strata.launcher.bench.BenchResult;
import io.strata.launcher.bench.PayloadValidationBenchmark;
import io.strata.launcher.bench.RecordFile;
import io.strata.launcher.bench.ValidationReport;
import io.strata.schemas.SchemaCatalog;
import io.strata.schemas.SchemaFiles;
import java.util.Optional;
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
        + " throughput to the lake and send-to-lake freshness, in one run; then what payload validation costs.")
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

  @Option(names = "--compare-validation", defaultValue = "true", negatable = true, fallbackValue = "true",
      description = "Also measure what payload validation costs: validation alone with and without the JSON Schemas, and the"
          + " warm-up, ceiling and end-to-end phases again on a second stack with strata.ingest.validate-payloads=false"
          + " (default: ${DEFAULT-VALUE}).")
  boolean compareValidation;

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
    Optional<ValidationReport.Comparison> validation = Optional.empty();
    try (StrataStack stack = StrataStack.start(config)) {
      System.out.println("strata bench: stack up, data in " + dir);
      outcome = new PipelineBenchmark(stack, settings, line -> System.out.println("strata bench: " + line)).run(dir, commit);
    } finally {
      if (dataDir == null) {
        BenchRuns.deleteTree(dir);
      }
    }
    if (compareValidation) {
      validation = Optional.of(compareValidation(settings, config, outcome));
    }
    Path runDir = BenchRuns.runDir(resultsDir, commit);
    BenchReport.write(outcome.result(), outcome.freshnessSeconds(), runDir);
    BenchReport.appendRow(outcome.result(), markdown);
    validation.ifPresent(v -> ValidationReport.write(v, runDir, markdown));
    System.out.println();
    BenchReport.print(outcome.result(), System.out);
    validation.ifPresent(v -> ValidationReport.print(v, System.out));
    System.out.println("results: " + runDir + " (results.json, throughput.png, freshness.png"
        + (validation.isPresent() ? ", validation.json" : "") + "); rows added to " + markdown);
    return 0;
  }

  /** Validation alone with and without schemas, then the end-to-end phase on a stack that checks no payloads. */
  private ValidationReport.Comparison compareValidation(PipelineBenchmark.Settings settings, StackConfig config, Outcome outcome)
      throws Exception {
    Path dir = Files.createTempDirectory("strata-bench-validation");
    try {
      Map<String, String> values = IsolatedStacks.settings(dir);
      values.putAll(overrides);
      values.put("strata.ingest.validate-payloads", "false");
      StackConfig off = StackConfig.from(values);
      SchemaCatalog catalog = SchemaFiles.load(Path.of(config.ingest().schemasDir()));
      PayloadValidationBenchmark.Result alone;
      BenchResult.Rate[] without;
      try (StrataStack stack = StrataStack.start(off)) {
        PipelineBenchmark bench = new PipelineBenchmark(stack, settings, line -> System.out.println("strata bench (payloads unchecked): " + line));
        RecordFile file = bench.events(dir);
        System.out.println("strata bench: validating events alone, with and without the payload schemas");
        alone = PayloadValidationBenchmark.run(file, catalog, Math.min(settings.events(), 500_000), 3);
        without = bench.ceilingAndEndToEnd(dir);
      }
      return new ValidationReport.Comparison(outcome.result().date(), outcome.result().commit(), settings.events(),
          outcome.result().ceiling(), outcome.result().endToEnd(), without[0], without[1], alone);
    } finally {
      BenchRuns.deleteTree(dir);
    }
  }
}
