package io.strata.launcher;

import io.strata.launcher.metrics.MetricsText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata status}: the pipeline's metrics as a table, with per-second rates of the counters. */
@Command(name = "status", description = "Print the running stack's pipeline metrics (ingest, dead letters, duplicates, lag, lake commits, views), histograms by their p50 and p99 buckets.")
final class StatusCommand implements Callable<Integer> {
  @Option(names = "--metrics", defaultValue = "http://127.0.0.1:9249/metrics", description = "The metrics endpoint (default: ${DEFAULT-VALUE}).")
  URI metrics;

  @Option(names = "--interval", defaultValue = "2", description = "Seconds between the two scrapes that give the rates (default: ${DEFAULT-VALUE}).")
  double interval;

  @Override
  public Integer call() throws Exception {
    if (interval <= 0) {
      System.err.println("strata status: --interval must be positive, got " + interval);
      return 2;
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    Map<String, Double> first;
    Map<String, Double> second;
    long started = System.nanoTime();
    try {
      first = scrape(client);
      Thread.sleep((long) (interval * 1000));
      second = scrape(client);
    } catch (java.io.IOException e) {
      System.err.println("strata status: no stack answers at " + metrics + " (is bin/strata up running?)");
      return 1;
    } catch (IllegalStateException e) {
      System.err.println("strata status: " + e.getMessage());
      return 1;
    }
    // The scrapes were this far apart, give or take one request.
    double seconds = (System.nanoTime() - started) / 1e9;
    Map<String, Double> rates = MetricsText.ratesPerSecond(first, second, seconds);
    int width = second.keySet().stream().filter(n -> !MetricsText.isBucket(n)).mapToInt(String::length).max().orElse(10);
    System.out.printf("%-" + width + "s  %14s  %12s%n", "metric", "value", "per second");
    second.forEach(
        (name, value) -> {
          if (MetricsText.isBucket(name)) {
            return;
          }
          Double rate = rates.get(name);
          System.out.printf(
              "%-" + width + "s  %14s  %12s%n", name, number(value), rate == null ? "" : String.format("%.1f", rate));
        });
    List<MetricsText.Histogram> histograms = MetricsText.histograms(second);
    if (!histograms.isEmpty()) {
      int w = histograms.stream().mapToInt(h -> h.series().length()).max().orElse(10);
      System.out.printf("%n%-" + w + "s  %10s  %10s  %10s%n", "histogram (seconds)", "count", "p50 <=", "p99 <=");
      for (MetricsText.Histogram h : histograms) {
        System.out.printf("%-" + w + "s  %10s  %10s  %10s%n", h.series(), number(h.count()), number(h.p50UpperBound()),
            number(h.p99UpperBound()));
      }
    }
    return 0;
  }

  private Map<String, Double> scrape(HttpClient client) throws Exception {
    HttpResponse<String> response =
        client.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(metrics + " answered HTTP " + response.statusCode());
    }
    return MetricsText.parse(response.body());
  }

  private static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.isNaN(value) ? "-" : "inf";
    }
    return value == Math.rint(value) ? String.format("%.0f", value) : String.format("%.3f", value);
  }
}
