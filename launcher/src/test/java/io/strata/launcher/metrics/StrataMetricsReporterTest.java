package io.strata.launcher.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.embedded.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.flink.metrics.MetricConfig;
import org.junit.jupiter.api.Test;

class StrataMetricsReporterTest {
  @Test
  void aCatalogThatDoesNotAnswerLeavesTheLakeFiguresOutOfEveryScrape() throws Exception {
    int port = FreePorts.pick();
    MetricConfig config = new MetricConfig();
    // Nothing listens there.
    config.setProperty("catalog-uri", "http://127.0.0.1:" + FreePorts.pick());
    StrataMetricsReporter reporter = new StrataMetricsReporter(port);
    reporter.open(config);
    try {
      for (int scrape = 0; scrape < 2; scrape++) {
        HttpResponse<String> response =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("strata_lake_commits", "strata_lake_last_commit_data_files");
      }
    } finally {
      reporter.close();
    }
  }
}
