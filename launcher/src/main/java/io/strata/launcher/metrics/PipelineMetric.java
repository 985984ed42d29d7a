package io.strata.launcher.metrics;

import java.util.Map;
import java.util.Optional;

/**
 * The metrics Strata exports, with the Prometheus name and help text each gets: Flink metrics by the
 * name operators register them under, and the lake table's commit figures.
 */
enum PipelineMetric {
  EVENTS_VALID("strataEventsValid", "strata_ingest_events_valid", true, "Raw records that passed validation, resent duplicates included"),
  EVENTS_DEAD_LETTERED("strataEventsDeadLettered", "strata_ingest_events_dead_lettered", true, "Raw records rejected to the dead-letter topic"),
  EVENTS_WITH_IGNORED_FIELDS("strataEventsWithIgnoredFields", "strata_ingest_events_with_ignored_fields", true,
      "Valid raw records that carried top-level fields the envelope does not have: accepted without them"),
  DUPLICATES_DROPPED("strataDuplicatesDropped", "strata_ingest_duplicates_dropped", true, "Resent events dropped by deduplication"),
  EVENTS_INGESTED("strataEventsIngested", "strata_ingest_events_ingested", true, "Events written to the hot log"),
  VIEW_EVENTS_FOLDED("strataViewEventsFolded", "strata_view_events_folded", true, "Events folded into views (an event counts once per projection that takes it)"),
  VIEW_EVENTS_ROUTED("strataViewEventsRouted", "strata_view_events_routed", true, "Events a projection version takes, passed on to their view (a history build's progress reading the lake)"),
  VIEW_LATE_EVENTS("strataViewLateEvents", "strata_view_late_events", true, "Events for a counter minute that had already closed: not counted"),
  VIEW_EVENTS_WITHOUT_KEY("strataViewEventsWithoutKey", "strata_view_events_without_key", true, "Events a projection takes but without its key field: skipped"),
  VIEW_WRITES("strataViewWrites", "strata_view_writes", true, "Views written to the view store"),
  VIEW_WRITES_APPLIED("strataViewWritesApplied", "strata_view_writes_applied", true, "View writes the store applied (a newer revision); the rest were replays"),
  SCHEMA_GENERATION("strataSchemaGeneration", "strata_schema_generation", false,
      "The schema catalog release the job validates with (the lowest of its subtasks)", true),
  PENDING_RECORDS("pendingRecords", "strata_source_lag_records", false, "Records behind the end of the job's input topic (ingest: raw topic; tier, views: hot log)"),
  LAKE_COMMIT_DURATION("lastCommitDurationMs", "strata_lake_last_commit_duration_ms", false, "Duration of the last Iceberg commit"),
  LAKE_DATA_FILES("committedDataFilesCount", "strata_lake_committed_data_files", true, "Data files committed to the lake table"),
  LAKE_RECORDS("committedDataFilesRecordCount", "strata_lake_committed_records", true, "Rows committed to the lake table"),
  LAKE_SINCE_COMMIT("elapsedSecondsSinceLastSuccessfulCommit", "strata_lake_seconds_since_last_commit", false, "Seconds since the last successful lake commit"),
  CHECKPOINTS_COMPLETED("numberOfCompletedCheckpoints", "strata_checkpoints_completed", true, "Checkpoints the job completed since it started"),
  CHECKPOINTS_FAILED("numberOfFailedCheckpoints", "strata_checkpoints_failed", true, "Checkpoints of the job that failed since it started"),
  JOB_RESTARTS("numRestarts", "strata_job_restarts", false, "Times the job has restarted after a task failure since the stack started it"),
  CHECKPOINT_DURATION("lastCheckpointDuration", "strata_checkpoint_last_duration_ms", false, "Duration of the job's last completed checkpoint, trigger to acknowledged"),
  CHECKPOINT_SIZE("lastCheckpointSize", "strata_checkpoint_last_size_bytes", false, "Bytes the job's last checkpoint uploaded (incremental: the files written since the one before)"),
  CHECKPOINT_FULL_SIZE("lastCheckpointFullSize", "strata_checkpoint_last_full_size_bytes", false, "Bytes of all the state the job's last checkpoint refers to"),
  // RocksDB's own figures (RocksDbState turns them on): the ingest and views jobs keep their state there.
  STATE_KEYS("rocksdb.estimate-num-keys", "strata_state_keys", false, "Estimated keys in the job's RocksDB state (ingest: remembered event ids, expired ones not yet compacted away included)"),
  STATE_SST_BYTES("rocksdb.total-sst-files-size", "strata_state_sst_bytes", false, "Bytes of the job's RocksDB state files on local disk"),
  STATE_LIVE_BYTES("rocksdb.estimate-live-data-size", "strata_state_live_bytes", false, "Estimated bytes of live data in the job's RocksDB state"),
  // Read from the lake table's snapshot summaries at each scrape, not from Flink: no Flink name.
  LAKE_LAST_COMMIT_DATA_FILES(null, "strata_lake_last_commit_data_files", false, "Data files the lake table's current snapshot added"),
  LAKE_LAST_COMMIT_RECORDS(null, "strata_lake_last_commit_records", false, "Rows the lake table's current snapshot added"),
  LAKE_DATA_FILES_PER_COMMIT(null, "strata_lake_data_files_per_commit", false, "Mean data files added by the lake table's last 20 appends, empty ones included"),
  LAKE_COMMITS(null, "strata_lake_commits", false, "Snapshots in the lake table's metadata");

  private static final Map<String, PipelineMetric> BY_FLINK_NAME =
      java.util.Arrays.stream(values())
          .filter(m -> m.flinkName != null)
          .collect(java.util.stream.Collectors.toMap(m -> m.flinkName, m -> m));

  final String flinkName;
  final String prometheusName;
  final boolean counter;
  final String help;
  /** Subtasks' values are combined by their minimum, not their sum. */
  final boolean minimum;

  PipelineMetric(String flinkName, String prometheusName, boolean counter, String help) {
    this(flinkName, prometheusName, counter, help, false);
  }

  PipelineMetric(String flinkName, String prometheusName, boolean counter, String help, boolean minimum) {
    this.flinkName = flinkName;
    this.prometheusName = prometheusName;
    this.counter = counter;
    this.help = help;
    this.minimum = minimum;
  }

  static Optional<PipelineMetric> byFlinkName(String name) {
    return Optional.ofNullable(BY_FLINK_NAME.get(name));
  }
}
