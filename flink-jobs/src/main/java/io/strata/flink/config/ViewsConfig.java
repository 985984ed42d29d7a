package io.strata.flink.config;

import static java.util.Objects.requireNonNull;

import io.strata.config.ConfigValues;
import io.strata.flink.views.operator.FoldState;
import io.strata.views.store.ViewStores;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Settings of the views jobs: the hot log (and, to build a version, the lake's history) to the view
 * store, through the projections' folds. One job per projection version.
 *
 * @param bootstrapServers {@code strata.kafka.bootstrap-servers}
 * @param logTopic {@code strata.topics.log}, default {@code events.log}
 * @param projectionsDir {@code strata.views.projections-dir}: the projection definitions, default
 *     {@code projections}
 * @param store {@code strata.views.store}: {@code embedded:<folder>} or {@code redis://host:port},
 *     default {@code embedded:data/views}
 * @param parallelism {@code strata.views.parallelism}, default 1, at most 128 (the jobs' key groups)
 * @param maxOutOfOrderness {@code strata.views.max-out-of-orderness}: how far behind the newest event
 *     time the watermark of counters trails, default 5s
 * @param catalogUri {@code strata.tier.catalog-uri}: the REST catalog of the lake a version's history is
 *     read from, default {@code http://127.0.0.1:8181}
 * @param catalogToken {@code strata.catalog.token}: its bearer token, if it wants one
 * @param checkpoints the jobs' checkpoint settings; history builds write their savepoints below them
 */
public record ViewsConfig(
    String bootstrapServers,
    String logTopic,
    String projectionsDir,
    String store,
    int parallelism,
    Duration maxOutOfOrderness,
    String catalogUri,
    Optional<String> catalogToken,
    CheckpointSettings checkpoints) {

  public static final Set<String> KEYS =
      Set.of("strata.kafka.bootstrap-servers", "strata.topics.log", "strata.views.projections-dir",
          "strata.views.store", "strata.views.parallelism", "strata.views.max-out-of-orderness", "strata.tier.catalog-uri");

  public ViewsConfig {
    requireNonNull(bootstrapServers, "strata.kafka.bootstrap-servers is null");
    requireNonNull(logTopic, "strata.topics.log is null");
    requireNonNull(projectionsDir, "strata.views.projections-dir is null");
    ViewStores.check("strata.views.store", requireNonNull(store, "strata.views.store is null"));
    requireNonNull(maxOutOfOrderness, "strata.views.max-out-of-orderness is null");
    requireNonNull(catalogUri, "strata.tier.catalog-uri is null");
    requireNonNull(catalogToken, "strata.catalog.token is null");
    requireNonNull(checkpoints, "checkpoints is null");
    if (parallelism < 1 || parallelism > FoldState.MAX_PARALLELISM) {
      throw new IllegalArgumentException(
          "strata.views.parallelism must be between 1 and " + FoldState.MAX_PARALLELISM + ", got " + parallelism);
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
        values.integer("strata.views.parallelism", 1, 1, FoldState.MAX_PARALLELISM),
        values.duration("strata.views.max-out-of-orderness", Duration.ofSeconds(5)),
        values.string("strata.tier.catalog-uri", "http://127.0.0.1:8181"),
        values.optional("strata.catalog.token"),
        CheckpointSettings.from(values, "views"));
  }

  /** Where the history build of a version writes the savepoint its streaming job starts from. */
  public String historySavepoint(String projection, int version, long snapshotId) {
    return checkpoints.directory() + "/history/" + projection + "-v" + version + "-" + snapshotId;
  }

  @Override
  public String toString() {
    return "ViewsConfig[bootstrapServers=" + bootstrapServers + ", logTopic=" + logTopic + ", projectionsDir="
        + projectionsDir + ", store=" + store + ", parallelism=" + parallelism + ", maxOutOfOrderness="
        + maxOutOfOrderness + ", catalogUri=" + catalogUri + ", catalogToken=" + (catalogToken.isPresent() ? "***" : "none")
        + ", checkpoints=" + checkpoints + "]";
  }
}
