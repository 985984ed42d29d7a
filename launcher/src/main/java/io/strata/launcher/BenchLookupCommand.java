package io.strata.launcher;

import io.strata.launcher.bench.BenchRuns;
import io.strata.launcher.bench.LookupBenchmark;
import io.strata.launcher.bench.LookupReport;
import io.strata.launcher.bench.RedisCeiling;
import io.strata.launcher.bench.ViewFreshness;
import io.strata.launcher.stack.IsolatedStacks;
import io.strata.launcher.stack.StackConfig;
import io.strata.launcher.stack.StrataStack;
import io.strata.views.store.EmbeddedViewStore;
import io.strata.views.store.RedisViewStore;
import io.strata.views.store.ViewStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata bench-lookup}: lookup latency and throughput of the API on both view stores, against redis-benchmark. */
@Command(
    name = "bench-lookup",
    description = "Load N views into each view store (embedded and Redis), time lookups through the lookup API on"
        + " loopback, run redis-benchmark GETs against the same Redis in the same run (the ceiling), then measure"
        + " send-to-view freshness on a stack of its own under a steady load.")
final class BenchLookupCommand implements Callable<Integer> {
  @Option(names = "--keys", defaultValue = "1000000", description = "Views per store (default: ${DEFAULT-VALUE}).")
  long keys;

  @Option(names = "--connections", defaultValue = "16", description = "Concurrent keep-alive connections, for the API and redis-benchmark alike (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--seconds", defaultValue = "30", description = "Measured seconds per store (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--warm-up-seconds", defaultValue = "10", description = "Lookups before measuring, per store (default: ${DEFAULT-VALUE}).")
  int warmUpSeconds;

  @Option(names = "--redis", defaultValue = "redis://127.0.0.1:6379", description = "The Redis to measure (default: ${DEFAULT-VALUE}).")
  URI redis;

  @Option(names = "--stores", split = ",", defaultValue = "embedded,redis", description = "Which stores to time lookups on: embedded, redis, or none for the freshness phase alone (default: ${DEFAULT-VALUE}).")
  List<String> stores;

  @Option(names = "--freshness-seconds", defaultValue = "60", description = "How long to probe send-to-view freshness on a stack of its own under a steady load; 0 skips it (default: ${DEFAULT-VALUE}).")
  int freshnessSeconds;

  @Option(names = "--freshness-warm-up-seconds", defaultValue = "30", description = "How long the steady load runs before the first probe, so that the probes see a stack in its steady state, its code compiled (default: ${DEFAULT-VALUE}).")
  int freshnessWarmUpSeconds;

  @Option(names = "--freshness-rate", defaultValue = "1000", description = "The steady load's records per second during the freshness probes (default: ${DEFAULT-VALUE}).")
  int freshnessRate;

  @Option(names = {"-D", "--set"}, description = "Override a key of the freshness stack, e.g. -D strata.checkpoint.interval=2s.")
  Map<String, String> overrides = new HashMap<>();

  @Option(names = "--results", defaultValue = "bench-results", description = "Folder for each run's summary and chart (default: ${DEFAULT-VALUE}).")
  Path resultsDir;

  @Option(names = "--markdown", defaultValue = "BENCHMARKS.md", description = "File to add the summary rows to (default: ${DEFAULT-VALUE}).")
  Path markdown;

  @Override
  public Integer call() throws Exception {
    System.setProperty("java.awt.headless", "true");
    for (String store : stores) {
      if (!store.equals("embedded") && !store.equals("redis") && !store.equals("none")) {
        System.err.println("strata bench-lookup: --stores takes embedded, redis or none, got '" + store + "'");
        return 2;
      }
    }
    String commit = BenchRuns.commit();
    List<LookupBenchmark.Run> runs = new ArrayList<>();
    long warmUp = warmUpSeconds * 1000L;
    long measure = seconds * 1000L;
    if (stores.contains("embedded")) {
      Path dir = Files.createTempDirectory("strata-bench-lookup");
      try (ViewStore store = EmbeddedViewStore.open(dir)) {
        runs.add(LookupBenchmark.run("embedded", store, keys, connections, warmUp, measure));
      } finally {
        BenchRuns.deleteTree(dir);
      }
    }
    Optional<RedisCeiling.Result> ceiling = Optional.empty();
    if (stores.contains("redis")) {
      try (ViewStore store = new RedisViewStore(redis)) {
        runs.add(LookupBenchmark.run("redis", store, keys, connections, warmUp, measure));
      }
      System.err.println("redis-benchmark: the ceiling, GETs of " + keys + " keys on " + redis);
      ceiling = Optional.of(RedisCeiling.run(redis, keys, connections, 250, Math.max(1_000_000, 3 * runs.get(runs.size() - 1).lookups().requests())));
    }
    Optional<ViewFreshness.Result> freshness = Optional.empty();
    if (freshnessSeconds > 0) {
      Path dir = Files.createTempDirectory("strata-bench-freshness");
      Map<String, String> values = IsolatedStacks.settings(dir);
      values.putAll(overrides);
      try (StrataStack stack = StrataStack.start(StackConfig.from(values))) {
        System.err.printf("send-to-view freshness: %,d records/s, %d s of warm-up, then a probe every 250 ms for %d s%n",
            freshnessRate, freshnessWarmUpSeconds, freshnessSeconds);
        freshness = Optional.of(ViewFreshness.run(stack, freshnessRate, Duration.ofSeconds(freshnessWarmUpSeconds),
            Duration.ofSeconds(freshnessSeconds), Duration.ofMillis(250)));
      } finally {
        BenchRuns.deleteTree(dir);
      }
    }
    Path runDir = BenchRuns.runDir(resultsDir, commit);
    LookupReport report = new LookupReport(commit, keys, connections, runs, ceiling, freshness);
    report.write(runDir);
    report.appendRows(markdown);
    System.out.println();
    report.print(System.out);
    System.out.println("results: " + runDir + " (lookup.md, lookup.png, freshness.png); rows added to " + markdown);
    return 0;
  }
}
