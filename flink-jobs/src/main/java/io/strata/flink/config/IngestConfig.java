package io.strata.flink.config;

import static java.util.Objects.requireNonNull;

import io.strata.config.ConfigValues;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Settings of the ingest job: raw topic to hot log, exactly once.
 *
 * @param bootstrapServers {@code strata.kafka.bootstrap-servers}
 * @param rawTopic {@code strata.topics.raw}, default {@code events.raw}
 * @param logTopic {@code strata.topics.log}, default {@code events.log}
 * @param dlqTopic {@code strata.topics.dlq}, default {@code events.dlq}
 * @param dedupTtl {@code strata.ingest.dedup-ttl}: how long an event id is remembered (the dedup window), default 24h
 * @param maxPayloadBytes {@code strata.ingest.max-payload-bytes}, default 1 MiB
 * @param parallelism {@code strata.ingest.parallelism}, default 1
 * @param schemasTopic {@code strata.topics.schemas}: the schema catalog's releases (compacted), default
 *     {@code events.schemas}
 * @param schemasDir {@code strata.ingest.schemas-dir}: the event type files, default {@code schemas}
 * @param validatePayloads {@code strata.ingest.validate-payloads}: check each payload against its version's
 *     JSON Schema, default true (false only to measure what it costs)
 * @param checkpoints the job's checkpoint settings
 */
public record IngestConfig(
    String bootstrapServers,
    String rawTopic,
    String logTopic,
    String dlqTopic,
    Duration dedupTtl,
    int maxPayloadBytes,
    int parallelism,
    String schemasTopic,
    String schemasDir,
    boolean validatePayloads,
    CheckpointSettings checkpoints) {

  /** A day of retries and replays; the disk it takes is in the README (about 1 GB per 20M events). */
  public static final Duration DEFAULT_DEDUP_TTL = Duration.ofHours(24);

  public static final Set<String> KEYS =
      Set.of(
          "strata.kafka.bootstrap-servers",
          "strata.topics.raw",
          "strata.topics.log",
          "strata.topics.dlq",
          "strata.ingest.dedup-ttl",
          "strata.ingest.max-payload-bytes",
          "strata.ingest.parallelism",
          "strata.topics.schemas",
          "strata.ingest.schemas-dir",
          "strata.ingest.validate-payloads");

  public IngestConfig {
    requireNonNull(bootstrapServers, "strata.kafka.bootstrap-servers is null");
    requireNonNull(rawTopic, "strata.topics.raw is null");
    requireNonNull(logTopic, "strata.topics.log is null");
    requireNonNull(dlqTopic, "strata.topics.dlq is null");
    requireNonNull(dedupTtl, "strata.ingest.dedup-ttl is null");
    requireNonNull(schemasTopic, "strata.topics.schemas is null");
    requireNonNull(schemasDir, "strata.ingest.schemas-dir is null");
    requireNonNull(checkpoints, "checkpoints is null");
    if (dedupTtl.isNegative() || dedupTtl.isZero()) {
      throw new IllegalArgumentException("strata.ingest.dedup-ttl must be positive, got " + dedupTtl);
    }
    if (maxPayloadBytes <= 0) {
      throw new IllegalArgumentException(
          "strata.ingest.max-payload-bytes must be positive, got " + maxPayloadBytes);
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("strata.ingest.parallelism must be at least 1, got " + parallelism);
    }
    // Not Set.of: it throws its own "duplicate element" error before this check could name the keys.
    if (Stream.of(rawTopic, logTopic, dlqTopic, schemasTopic).distinct().count() != 4) {
      throw new IllegalArgumentException(
          "strata.topics.raw, strata.topics.log, strata.topics.dlq and strata.topics.schemas must be four different topics");
    }
  }

  public static IngestConfig from(ConfigValues values) {
    return new IngestConfig(
        values.string("strata.kafka.bootstrap-servers", "127.0.0.1:9092"),
        values.string("strata.topics.raw", "events.raw"),
        values.string("strata.topics.log", "events.log"),
        values.string("strata.topics.dlq", "events.dlq"),
        values.duration("strata.ingest.dedup-ttl", DEFAULT_DEDUP_TTL),
        values.integer("strata.ingest.max-payload-bytes", 1 << 20, 1, Integer.MAX_VALUE),
        values.integer("strata.ingest.parallelism", 1, 1, 1024),
        values.string("strata.topics.schemas", "events.schemas"),
        values.string("strata.ingest.schemas-dir", "schemas"),
        values.bool("strata.ingest.validate-payloads", true),
        CheckpointSettings.from(values, "ingest", Duration.ofMillis(CheckpointSettings.INGEST_DEFAULT_MILLIS)));
  }
}
