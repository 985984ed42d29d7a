package io.strata.launcher.stack;

import io.strata.launcher.metrics.MetricsText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The stack's own metrics endpoint, as a map from series ({@code name{labels}}) to value, read at most
 * once a second: what the projections' lag and build progress are taken from.
 */
public final class StackMetrics {
  private final URI metrics;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private long readAt;
  private Map<String, Double> last = Map.of();

  public StackMetrics(int metricsPort) {
    this.metrics = URI.create("http://127.0.0.1:" + metricsPort + "/metrics");
  }

  /** The latest figures; none when the endpoint does not answer. */
  public synchronized Map<String, Double> read() {
    if (readAt != 0 && System.nanoTime() - readAt < 1_000_000_000L) {
      return last;
    }
    readAt = System.nanoTime();
    try {
      HttpResponse<String> response =
          http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      last = MetricsText.parse(response.body());
    } catch (java.io.IOException e) {
      last = Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      last = Map.of();
    }
    return last;
  }

  /** One series' value, by metric name and {@code job} label. */
  public java.util.OptionalDouble byJob(String name, String job) {
    Double value = read().get(name + "{job=\"" + job + "\"}");
    return value == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(value);
  }
}
