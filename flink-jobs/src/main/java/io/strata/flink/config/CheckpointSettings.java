package io.strata.flink.config;

import static java.util.Objects.requireNonNull;

import io.strata.config.ConfigValues;
import java.time.Duration;
import java.util.Set;

/**
 * Checkpointing of one job. Exactly-once output becomes visible at each completed checkpoint, so the
 * interval bounds hot-log and lake freshness.
 *
 * @param interval {@code strata.<job>.checkpoint-interval} ({@code ingest}, {@code tier}, {@code views}), else
 *     {@code strata.checkpoint.interval}, default 10s. The ingest job's bounds how soon events are
 *     readable in the hot log (read_committed: the views' freshness); the tier job's, how soon they are
 *     in the lake and how many small commits the lake takes
 * @param directory {@code strata.checkpoint.dir} plus the job name, default
 *     {@code s3a://strata-lake/checkpoints/<job>}
 */
public record CheckpointSettings(Duration interval, String directory) {
  /** The keys every job shares. */
  public static final Set<String> KEYS = Set.of("strata.checkpoint.interval", "strata.checkpoint.dir");

  /** The keys one job reads: the shared ones and its own interval. */
  public static Set<String> keysOf(String job) {
    return Set.of("strata.checkpoint.interval", "strata.checkpoint.dir", "strata." + job + ".checkpoint-interval");
  }

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
    Duration shared = values.duration("strata.checkpoint.interval", Duration.ofSeconds(10));
    return new CheckpointSettings(
        values.duration("strata." + job + ".checkpoint-interval", shared),
        base.replaceAll("/+$", "") + "/" + job);
  }
}
