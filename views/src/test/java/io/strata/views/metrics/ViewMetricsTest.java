package io.strata.views.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ViewMetricsTest {
  @Test
  void aProjectionIsBehindByTheAgeOfItsNewestEventOnlyWhileItsJobIsBehindTheHotLog() {
    assertThat(ViewMetrics.lagSeconds(10_000, 0, 70_000)).as("caught up, however old the newest event").isZero();
    assertThat(ViewMetrics.lagSeconds(10_000, 5, 70_000)).isEqualTo(60.0);
    assertThat(ViewMetrics.lagSeconds(80_000, 5, 70_000)).as("clocks a little apart").isZero();
  }

  @Test
  void theNewestIngestTimeWrittenIsKeptPerProjectionVersion() {
    ViewMetrics.written("metrics-test-a", 1, 5_000, 6_000);
    ViewMetrics.written("metrics-test-a", 1, 4_000, 7_000);
    ViewMetrics.written("metrics-test-a", 2, 3_000, 7_000);
    ViewMetrics.written("metrics-test-b", 1, 9_000, 9_500);
    ViewMetrics.written("metrics-test-c", 1, 0, 9_500);

    assertThat(ViewMetrics.newestIngestMillis())
        .containsEntry("metrics-test-a:v1", 5_000L)
        .containsEntry("metrics-test-a:v2", 3_000L)
        .containsEntry("metrics-test-b:v1", 9_000L)
        .doesNotContainKey("metrics-test-c:v1");
  }
}
