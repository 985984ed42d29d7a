package io.strata.launcher.metrics;

import java.util.Map;
import java.util.Optional;

/**
 * The Flink metrics Strata exports, by the name operators register them under, with the Prometheus
 * name and help text each gets.
 */
enum PipelineMetric {
  EVENTS_VALID("strataEventsValid", "strata_ingest_events_valid", true, "Raw records that passed validation, resent duplicates included"),
  EVENTS_DEAD_LETTERED("strataEventsDeadLettered", "strata_ingest_events_dead_lettered", true, "Raw records rejected to the dead-letter topic"),
  DUPLICATES_DROPPED("strataDuplicatesDropped", "strata_ingest_duplicates_dropped", true, "Resent events dropped by deduplication"),
  EVENTS_INGESTED("strataEventsIngested", "strata_ingest_events_ingested", true, "Events written to the hot log"),
  PENDING_RECORDS("pendingRecords", "strata_source_lag_records", false, "Records behind the end of the job's input topic (ingest: raw topic, tier: hot log)"),
  LAKE_COMMIT_DURATION("lastCommitDurationMs", "strata_lake_last_commit_duration_ms", false, "Duration of the last Iceberg commit"),
  LAKE_DATA_FILES("committedDataFilesCount", "strata_lake_committed_data_files", true, "Data files committed to the lake table"),
  LAKE_RECORDS("committedDataFilesRecordCount", "strata_lake_committed_records", true, "Rows committed to the lake table"),
  LAKE_SINCE_COMMIT("elapsedSecondsSinceLastSuccessfulCommit", "strata_lake_seconds_since_last_commit", false, "Seconds since the last successful lake commit");

  private static final Map<String, PipelineMetric> BY_FLINK_NAME =
      java.util.Arrays.stream(values()).collect(java.util.stream.Collectors.toMap(m -> m.flinkName, m -> m));

  final String flinkName;
  final String prometheusName;
  final boolean counter;
  final String help;

  PipelineMetric(String flinkName, String prometheusName, boolean counter, String help) {
    this.flinkName = flinkName;
    this.prometheusName = prometheusName;
    this.counter = counter;
    this.help = help;
  }

  static Optional<PipelineMetric> byFlinkName(String name) {
    return Optional.ofNullable(BY_FLINK_NAME.get(name));
  }
}
