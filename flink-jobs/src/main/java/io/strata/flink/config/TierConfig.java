package io.strata.flink.config;

import static java.util.Objects.requireNonNull;

import io.strata.config.ConfigValues;
import java.util.Optional;
import java.util.Set;

/**
 * Settings of the tier job: hot log to the Iceberg lake table, exactly once.
 *
 * @param bootstrapServers {@code strata.kafka.bootstrap-servers}
 * @param logTopic {@code strata.topics.log}, default {@code events.log}
 * @param catalogUri {@code strata.tier.catalog-uri}: the Iceberg REST catalog, default
 *     {@code http://127.0.0.1:8181}
 * @param catalogToken {@code strata.catalog.token}: bearer token for the catalog, if it wants one
 * @param parallelism {@code strata.tier.parallelism}, default 1
 * @param checkpoints the job's checkpoint settings
 */
public record TierConfig(
    String bootstrapServers,
    String logTopic,
    String catalogUri,
    Optional<String> catalogToken,
    int parallelism,
    CheckpointSettings checkpoints) {

  public static final Set<String> KEYS =
      Set.of("strata.kafka.bootstrap-servers", "strata.topics.log", "strata.tier.catalog-uri",
          "strata.tier.parallelism");

  public TierConfig {
    requireNonNull(bootstrapServers, "strata.kafka.bootstrap-servers is null");
    requireNonNull(logTopic, "strata.topics.log is null");
    requireNonNull(catalogUri, "strata.tier.catalog-uri is null");
    requireNonNull(catalogToken, "strata.catalog.token is null");
    requireNonNull(checkpoints, "checkpoints is null");
    if (!catalogUri.startsWith("http://") && !catalogUri.startsWith("https://")) {
      throw new IllegalArgumentException(
          "strata.tier.catalog-uri must be an http(s) URI, got '" + catalogUri + "'");
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("strata.tier.parallelism must be at least 1, got " + parallelism);
    }
  }

  public static TierConfig from(ConfigValues values) {
    return new TierConfig(
        values.string("strata.kafka.bootstrap-servers", "127.0.0.1:9092"),
        values.string("strata.topics.log", "events.log"),
        values.string("strata.tier.catalog-uri", "http://127.0.0.1:8181"),
        values.optional("strata.catalog.token"),
        values.integer("strata.tier.parallelism", 1, 1, 1024),
        CheckpointSettings.from(values, "tier"));
  }

  @Override
  public String toString() {
    return "TierConfig[bootstrapServers=" + bootstrapServers + ", logTopic=" + logTopic
        + ", catalogUri=" + catalogUri + ", catalogToken=" + (catalogToken.isPresent() ? "***" : "none")
        + ", parallelism=" + parallelism + ", checkpoints=" + checkpoints + "]";
  }
}
