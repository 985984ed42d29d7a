package io.strata.launcher;

import io.strata.launcher.metrics.MetricsText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata status}: the pipeline's metrics as a table. */
@Command(name = "status", description = "Print the running stack's pipeline metrics (ingest, dead letters, duplicates, lag, lake commits).")
final class StatusCommand implements Callable<Integer> {
  @Option(names = "--metrics", defaultValue = "http://127.0.0.1:9249/metrics", description = "The metrics endpoint (default: ${DEFAULT-VALUE}).")
  URI metrics;

  @Override
  public Integer call() throws Exception {
    String text;
    try {
      HttpResponse<String> response =
          HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
              .send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        System.err.println("strata status: " + metrics + " answered HTTP " + response.statusCode());
        return 1;
      }
      text = response.body();
    } catch (java.io.IOException e) {
      System.err.println("strata status: no stack answers at " + metrics + " (is bin/strata up running?)");
      return 1;
    }
    Map<String, Double> samples = MetricsText.parse(text);
    int width = samples.keySet().stream().mapToInt(String::length).max().orElse(10);
    System.out.printf("%-" + width + "s  %s%n", "metric", "value");
    samples.forEach((name, value) ->
        System.out.printf("%-" + width + "s  %s%n", name, value == Math.rint(value) ? String.format("%.0f", value) : String.format("%.3f", value)));
    return 0;
  }
}
