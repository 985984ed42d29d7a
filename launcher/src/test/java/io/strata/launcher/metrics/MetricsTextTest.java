package io.strata.launcher.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTextTest {
  @Test
  void readsStrataSamplesAndSkipsTheRest() {
    String text =
        """
        # HELP strata_ingest_events_ingested_total Events written to the hot log
        # TYPE strata_ingest_events_ingested_total counter
        strata_ingest_events_ingested_total{job="ingest"} 187964.0
        strata_lake_last_commit_duration_ms{job="tier"} 41.0
        strata_source_lag_records{job="tier"} NaN
        jvm_memory_used_bytes{area="heap"} 1.2E8
        """;
    Map<String, Double> samples = MetricsText.parse(text);
    assertThat(samples)
        .containsEntry("strata_ingest_events_ingested_total{job=\"ingest\"}", 187964.0)
        .containsEntry("strata_lake_last_commit_duration_ms{job=\"tier\"}", 41.0)
        .containsKey("strata_source_lag_records{job=\"tier\"}")
        .hasSize(3);
  }

  @Test
  void everyExportedNameIsAPrometheusName() {
    assertThat(StrataMetricsReporter.exportedNames())
        .hasSize(PipelineMetric.values().length)
        .allSatisfy(name -> assertThat(name).matches("strata_[a-z_]+"))
        .contains("strata_ingest_duplicates_dropped_total", "strata_source_lag_records");
  }

  @Test
  void ratesAreTheCountersGrowthPerSecond() {
    Map<String, Double> earlier =
        Map.of(
            "strata_ingest_events_ingested_total{job=\"ingest\"}", 1000.0,
            "strata_ingest_events_dead_lettered_total{job=\"ingest\"}", 10.0,
            "strata_lake_committed_records_total{job=\"tier\"}", 500.0,
            "strata_source_lag_records{job=\"tier\"}", 40.0);
    Map<String, Double> later =
        Map.of(
            "strata_ingest_events_ingested_total{job=\"ingest\"}", 5000.0,
            "strata_ingest_events_dead_lettered_total{job=\"ingest\"}", 14.0,
            // Went down: the stack restarted between the scrapes.
            "strata_lake_committed_records_total{job=\"tier\"}", 100.0,
            "strata_source_lag_records{job=\"tier\"}", 90.0,
            "strata_ingest_duplicates_dropped_total{job=\"ingest\"}", 3.0);

    Map<String, Double> rates = MetricsText.ratesPerSecond(earlier, later, 2.0);

    assertThat(rates)
        .containsOnly(
            Map.entry("strata_ingest_events_ingested_total{job=\"ingest\"}", 2000.0),
            Map.entry("strata_ingest_events_dead_lettered_total{job=\"ingest\"}", 2.0));
  }

  @Test
  void histogramsAreSummarizedPerSeriesByTheBucketsThatHoldTheirQuantiles() {
    String text =
        """
        strata_view_update_seconds_bucket{projection="entity-state",le="1.0"} 10
        strata_view_update_seconds_bucket{projection="entity-state",le="5.0"} 60
        strata_view_update_seconds_bucket{projection="entity-state",le="10.0"} 99
        strata_view_update_seconds_bucket{projection="entity-state",le="+Inf"} 100
        strata_view_update_seconds_count{projection="entity-state"} 100
        strata_lookup_request_seconds_bucket{projection="a",status="200",le="0.001"} 0
        strata_lookup_request_seconds_bucket{projection="a",status="200",le="+Inf"} 0
        """;
    var samples = MetricsText.parse(text);
    var histograms = MetricsText.histograms(samples);

    assertThat(histograms).containsExactly(
        new MetricsText.Histogram("strata_view_update_seconds{projection=\"entity-state\"}", 100, 5.0, 10.0),
        new MetricsText.Histogram("strata_lookup_request_seconds{projection=\"a\",status=\"200\"}", 0, Double.NaN, Double.NaN));
    assertThat(MetricsText.isBucket("strata_view_update_seconds_bucket{projection=\"x\",le=\"1.0\"}")).isTrue();
    assertThat(MetricsText.isBucket("strata_view_update_seconds_count{projection=\"x\"}")).isFalse();
  }
}
