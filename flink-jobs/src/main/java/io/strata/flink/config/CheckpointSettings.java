package io.strata.flink.config;

import static java.util.Objects.requireNonNull;

import io.strata.config.ConfigValues;
import java.time.Duration;
import java.util.Set;

/**
 * Checkpointing of one job. Exactly-once output becomes visible at each completed checkpoint, so the
 * interval bounds hot-log and lake freshness.
 *
 * @param interval {@code strata.checkpoint.interval}, default 10s
 * @param directory {@code strata.checkpoint.dir} plus the job name, default
 *     {@code s3a://strata-lake/checkpoints/<job>}
 */
public record CheckpointSettings(Duration interval, String directory) {
  public static final Set<String> KEYS = Set.of("strata.checkpoint.interval", "strata.checkpoint.dir");

  public CheckpointSettings {
    requireNonNull(interval, "strata.checkpoint.interval is null");
    requireNonNull(directory, "strata.checkpoint.dir is null");
    if (interval.toMillis() < 100) {
      throw new IllegalArgumentException(
          "strata.checkpoint.interval must be at least 100ms, got " + interval.toMillis() + "ms");
    }
    if (!directory.contains("://")) {
      throw new IllegalArgumentException(
          "strata.checkpoint.dir must be a URI such as s3a://bucket/checkpoints, got '" + directory + "'");
    }
  }

  static CheckpointSettings from(ConfigValues values, String job) {
    String base = values.string("strata.checkpoint.dir", "s3a://strata-lake/checkpoints");
    return new CheckpointSettings(
        values.duration("strata.checkpoint.interval", Duration.ofSeconds(10)),
        base.replaceAll("/+$", "") + "/" + job);
  }
}
