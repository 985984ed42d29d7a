package io.strata.launcher;

import io.strata.launcher.bench.MarkdownTable;
import io.strata.launcher.bench.SqlBenchmark;
import io.strata.launcher.bench.SqlBenchmark.Timing;
import io.strata.launcher.stack.StackConfig;
import io.strata.launcher.stack.StrataStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata bench-sql}: warm Trino latency of the analyst queries over N events. */
@Command(name = "bench-sql", description = "Load N synthetic events into a fresh lake and time the analyst queries on Trino.")
final class BenchSqlCommand implements Callable<Integer> {
  private static final String HEADING = "## SQL latency on Trino (warm)";
  private static final String HEADER =
      "| date | events | timed runs | one-day count by type, ms | one entity's timeline, ms | 30-day aggregate, ms | load |\n"
          + "|---|---|---|---|---|---|---|";

  @Option(names = "--events", defaultValue = "10000000", description = "Events to load over 30 days (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--runs", defaultValue = "5", description = "Timed runs per query after one warm-up (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--data-dir", description = "Where the benchmark stack keeps its data (default: a new temporary folder).")
  Path dataDir;

  @Option(names = "--results", defaultValue = "BENCHMARKS.md", description = "File to append the summary row to (default: ${DEFAULT-VALUE}).")
  Path results;

  @Override
  public Integer call() throws Exception {
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("strata-bench-sql");
    Map<String, String> settings = new HashMap<>();
    settings.put("strata.data-dir", dir.toString());
    LocalDate firstDay = LocalDate.now(ZoneOffset.UTC).minusDays(31);
    try (StrataStack stack = StrataStack.start(StackConfig.from(settings));
        Connection trino = stack.trinoConnection()) {
      SqlBenchmark bench = new SqlBenchmark(trino, firstDay);
      long loadStart = System.nanoTime();
      bench.load(events);
      double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
      System.out.printf("loaded %,d events in %.1f s through Trino INSERTs%n", events, loadSeconds);
      System.out.printf("%-24s %10s %10s %10s %8s%n", "query", "median ms", "min ms", "max ms", "rows");
      StringBuilder row = new StringBuilder();
      row.append("| ").append(ZonedDateTime.now(ZoneOffset.UTC).toLocalDate())
          .append(" | ").append(String.format("%,d", events)).append(" | ").append(runs);
      for (var query : bench.queries().entrySet()) {
        Timing t = bench.time(query.getValue(), runs);
        System.out.printf("%-24s %10.0f %10.0f %10.0f %8d%n", query.getKey(), t.median(), t.min(), t.max(), t.rows());
        row.append(String.format(" | %.0f (%.0f-%.0f)", t.median(), t.min(), t.max()));
      }
      row.append(String.format(" | %.0f s |", loadSeconds));
      MarkdownTable.appendRow(results, HEADING, HEADER, row.toString());
      System.out.println("added a row to " + results);
    }
    return 0;
  }
}
