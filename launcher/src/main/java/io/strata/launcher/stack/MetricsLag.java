package io.strata.launcher.stack;

import io.strata.launcher.metrics.MetricsText;
import io.strata.views.api.LookupHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;

/** The views job's lag behind the hot log, as the stack's own metrics endpoint reports it (cached for a second). */
final class MetricsLag implements LookupHandler.Lag {
  private final URI metrics;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private long readAt;
  private OptionalLong last = OptionalLong.empty();

  MetricsLag(int metricsPort) {
    this.metrics = URI.create("http://127.0.0.1:" + metricsPort + "/metrics");
  }

  @Override
  public synchronized OptionalLong records() {
    if (System.nanoTime() - readAt < 1_000_000_000L) {
      return last;
    }
    readAt = System.nanoTime();
    try {
      HttpResponse<String> response =
          http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      Double lag = MetricsText.parse(response.body()).get("strata_source_lag_records{job=\"views\"}");
      last = lag == null ? OptionalLong.empty() : OptionalLong.of(Math.round(lag));
    } catch (java.io.IOException e) {
      last = OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      last = OptionalLong.empty();
    }
    return last;
  }
}
