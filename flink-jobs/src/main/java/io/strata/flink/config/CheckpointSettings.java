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
 *     {@code strata.checkpoint.interval}, else the job's default: {@value #INGEST_DEFAULT_MILLIS} ms for the
 *     ingest job, 10s for the others. The ingest job's bounds how soon events are readable in the hot log
 *     (read_committed: the views' freshness, send to view p99 under 1 s at 250 ms on 2 cores, for about a
 *     fifth of the write path's throughput; BENCHMARKS.md); the tier job's, how soon they are in the lake
 *     and how many small commits the lake takes
 * @param directory {@code strata.checkpoint.dir} plus the job name, default
 *     {@code s3a://strata-lake/checkpoints/<job>}
 */
public record CheckpointSettings(Duration interval, String directory) {
  /** The keys every job shares. */
  public static final Set<String> KEYS = Set.of("strata.checkpoint.interval", "strata.checkpoint.dir");

  /** The ingest job's interval unless one is set: its commits are when views and the lake can see events. */
  public static final long INGEST_DEFAULT_MILLIS = 250;

  private static final Duration DEFAULT = Duration.ofSeconds(10);

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
    return from(values, job, DEFAULT);
  }

  static CheckpointSettings from(ConfigValues values, String job, Duration jobDefault) {
    String base = values.string("strata.checkpoint.dir", "s3a://strata-lake/checkpoints");
    Duration shared = values.duration("strata.checkpoint.interval", jobDefault);
    return new CheckpointSettings(
        values.duration("strata." + job + ".checkpoint-interval", shared),
        base.replaceAll("/+$", "") + "/" + job);
  }
}
