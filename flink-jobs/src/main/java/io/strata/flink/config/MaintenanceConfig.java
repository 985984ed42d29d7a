package io.strata.flink.config;

import static java.util.Objects.requireNonNull;

import io.strata.config.ConfigValues;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Settings of the maintenance job: the tiering policies applied to the lake on a schedule, and the
 * hot log trimmed to their retention.
 *
 * @param bootstrapServers {@code strata.kafka.bootstrap-servers}
 * @param logTopic {@code strata.topics.log}, default {@code events.log}
 * @param catalogUri {@code strata.tier.catalog-uri}, default {@code http://127.0.0.1:8181}
 * @param catalogToken {@code strata.catalog.token}, if the catalog wants one
 * @param policiesDir {@code strata.maintenance.policies-dir}: the policy files, default {@code tiering-policies}
 * @param interval {@code strata.maintenance.interval}: how often a pass starts, default 5m
 * @param orphansEvery {@code strata.maintenance.orphans-every}: how often a pass also cleans orphan files
 *     (it lists the table's whole storage), default 1d
 * @param spillDir {@code strata.maintenance.spill-dir}: local disk for the sorted runs of a rewrite
 * @param rowsInMemory {@code strata.maintenance.rows-in-memory}: the most rows a rewrite holds, default 50000
 * @param hotLogReaders {@code strata.maintenance.hot-log-readers}: the consumer groups whose committed offsets
 *     bound the hot log's trimming, default {@code strata-tier,strata-views-*} (a name ending in {@code *}
 *     stands for every group it starts: one per projection version)
 */
public record MaintenanceConfig(
    String bootstrapServers,
    String logTopic,
    String catalogUri,
    Optional<String> catalogToken,
    String policiesDir,
    Duration interval,
    Duration orphansEvery,
    String spillDir,
    int rowsInMemory,
    List<String> hotLogReaders) {

  public static final Set<String> KEYS =
      Set.of("strata.maintenance.policies-dir", "strata.maintenance.interval", "strata.maintenance.orphans-every",
          "strata.maintenance.spill-dir", "strata.maintenance.rows-in-memory", "strata.maintenance.hot-log-readers");

  public MaintenanceConfig {
    requireNonNull(bootstrapServers, "strata.kafka.bootstrap-servers is null");
    requireNonNull(logTopic, "strata.topics.log is null");
    requireNonNull(catalogUri, "strata.tier.catalog-uri is null");
    requireNonNull(catalogToken, "strata.catalog.token is null");
    requireNonNull(policiesDir, "strata.maintenance.policies-dir is null");
    requireNonNull(spillDir, "strata.maintenance.spill-dir is null");
    hotLogReaders = List.copyOf(hotLogReaders);
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("strata.maintenance.interval must be at least 1s, got " + interval);
    }
    if (orphansEvery.compareTo(interval) < 0) {
      throw new IllegalArgumentException("strata.maintenance.orphans-every must be at least strata.maintenance.interval, got "
          + orphansEvery);
    }
  }

  public static MaintenanceConfig from(ConfigValues values) {
    return new MaintenanceConfig(
        values.string("strata.kafka.bootstrap-servers", "127.0.0.1:9092"),
        values.string("strata.topics.log", "events.log"),
        values.string("strata.tier.catalog-uri", "http://127.0.0.1:8181"),
        values.optional("strata.catalog.token"),
        values.string("strata.maintenance.policies-dir", "tiering-policies"),
        values.duration("strata.maintenance.interval", Duration.ofMinutes(5)),
        values.duration("strata.maintenance.orphans-every", Duration.ofDays(1)),
        values.string("strata.maintenance.spill-dir", System.getProperty("java.io.tmpdir") + "/strata-maintenance"),
        values.integer("strata.maintenance.rows-in-memory", 50_000, 1_000, 10_000_000),
        Arrays.stream(values.string("strata.maintenance.hot-log-readers", "strata-tier,strata-views-*").split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).toList());
  }

  @Override
  public String toString() {
    return "MaintenanceConfig[policiesDir=" + policiesDir + ", interval=" + interval + ", orphansEvery=" + orphansEvery
        + ", catalogUri=" + catalogUri + ", catalogToken=" + (catalogToken.isPresent() ? "***" : "none")
        + ", hotLogReaders=" + hotLogReaders + "]";
  }
}
