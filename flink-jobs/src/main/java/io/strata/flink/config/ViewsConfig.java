package io.strata.flink.config;

import static java.util.Objects.requireNonNull;

import io.strata.config.ConfigValues;
import io.strata.views.store.ViewStores;
import java.time.Duration;
import java.util.Set;

/**
 * Settings of the views job: hot log to the view store, through the projections' folds.
 *
 * @param bootstrapServers {@code strata.kafka.bootstrap-servers}
 * @param logTopic {@code strata.topics.log}, default {@code events.log}
 * @param projectionsDir {@code strata.views.projections-dir}: the projection definitions, default
 *     {@code projections}
 * @param store {@code strata.views.store}: {@code embedded:<folder>} or {@code redis://host:port},
 *     default {@code embedded:data/views}
 * @param parallelism {@code strata.views.parallelism}, default 1
 * @param maxOutOfOrderness {@code strata.views.max-out-of-orderness}: how far behind the newest event
 *     time the watermark of counters trails, default 5s
 * @param checkpoints the job's checkpoint settings
 */
public record ViewsConfig(
    String bootstrapServers,
    String logTopic,
    String projectionsDir,
    String store,
    int parallelism,
    Duration maxOutOfOrderness,
    CheckpointSettings checkpoints) {

  public static final Set<String> KEYS =
      Set.of("strata.kafka.bootstrap-servers", "strata.topics.log", "strata.views.projections-dir",
          "strata.views.store", "strata.views.parallelism", "strata.views.max-out-of-orderness");

  public ViewsConfig {
    requireNonNull(bootstrapServers, "strata.kafka.bootstrap-servers is null");
    requireNonNull(logTopic, "strata.topics.log is null");
    requireNonNull(projectionsDir, "strata.views.projections-dir is null");
    ViewStores.check("strata.views.store", requireNonNull(store, "strata.views.store is null"));
    requireNonNull(maxOutOfOrderness, "strata.views.max-out-of-orderness is null");
    requireNonNull(checkpoints, "checkpoints is null");
    if (parallelism < 1) {
      throw new IllegalArgumentException("strata.views.parallelism must be at least 1, got " + parallelism);
    }
    if (maxOutOfOrderness.isNegative()) {
      throw new IllegalArgumentException("strata.views.max-out-of-orderness must not be negative");
    }
  }

  public static ViewsConfig from(ConfigValues values) {
    return new ViewsConfig(
        values.string("strata.kafka.bootstrap-servers", "127.0.0.1:9092"),
        values.string("strata.topics.log", "events.log"),
        values.string("strata.views.projections-dir", "projections"),
        values.string("strata.views.store", "embedded:data/views"),
        values.integer("strata.views.parallelism", 1, 1, 1024),
        values.duration("strata.views.max-out-of-orderness", Duration.ofSeconds(5)),
        CheckpointSettings.from(values, "views"));
  }
}
