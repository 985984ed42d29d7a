package io.strata.flink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.config.ConfigValues;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TierConfigTest {
  private static final String TOKEN = "s3cr3t-catalog-token";

  @Test
  void defaults() {
    TierConfig config = TierConfig.from(new ConfigValues(Map.of()));

    assertThat(config)
        .isEqualTo(
            new TierConfig(
                "127.0.0.1:9092",
                "events.log",
                "http://127.0.0.1:8181",
                Optional.empty(),
                1,
                new CheckpointSettings(
                    Duration.ofSeconds(10), "s3a://strata-lake/checkpoints/tier")));
  }

  @Test
  void explicitValues() {
    Map<String, String> properties = new HashMap<>();
    properties.put("strata.kafka.bootstrap-servers", "kafka-1:9093");
    properties.put("strata.topics.log", "acme.log");
    properties.put("strata.tier.catalog-uri", "https://catalog.acme.test/api");
    properties.put("strata.catalog.token", TOKEN);
    properties.put("strata.tier.parallelism", "8");
    properties.put("strata.checkpoint.interval", "30s");
    properties.put("strata.tier.checkpoint-interval", "1m");
    properties.put("strata.checkpoint.dir", "s3://acme-lake/checkpoints");
    // The token key belongs to the catalog's config; every other key the tier job reads is here.
    Set<String> expectedKeys = new HashSet<>(TierConfig.KEYS);
    expectedKeys.addAll(CheckpointSettings.keysOf("tier"));
    expectedKeys.add("strata.catalog.token");
    assertThat(properties.keySet()).isEqualTo(expectedKeys);

    TierConfig config = TierConfig.from(new ConfigValues(properties));

    assertThat(config)
        .isEqualTo(
            new TierConfig(
                "kafka-1:9093",
                "acme.log",
                "https://catalog.acme.test/api",
                Optional.of(TOKEN),
                8,
                new CheckpointSettings(Duration.ofMinutes(1), "s3://acme-lake/checkpoints/tier")));
  }

  @Test
  void blankTokenMeansNoToken() {
    TierConfig config = TierConfig.from(new ConfigValues(Map.of("strata.catalog.token", "  ")));

    assertThat(config.catalogToken()).isEmpty();
  }

  @Test
  void catalogUriMustBeHttp() {
    assertThatThrownBy(() -> parse("strata.tier.catalog-uri", "127.0.0.1:8181"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("strata.tier.catalog-uri must be an http(s) URI, got '127.0.0.1:8181'");
    assertThatThrownBy(() -> parse("strata.tier.catalog-uri", "thrift://metastore:9083"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("strata.tier.catalog-uri must be an http(s) URI");
  }

  @Test
  void parallelismMustBeInRange() {
    assertThatThrownBy(() -> parse("strata.tier.parallelism", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("strata.tier.parallelism must be between 1 and 1024, got 0");
    assertThatThrownBy(() -> parse("strata.tier.parallelism", "1.5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("strata.tier.parallelism must be a whole number, got '1.5'");
  }

  @Test
  void checkpointIntervalMustBeAtLeast100ms() {
    assertThatThrownBy(() -> parse("strata.checkpoint.interval", "99ms"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("strata.checkpoint.interval must be at least 100ms, got 99ms");
  }

  @Test
  void toStringHidesTheToken() {
    TierConfig config = TierConfig.from(new ConfigValues(Map.of("strata.catalog.token", TOKEN)));

    assertThat(config.toString())
        .doesNotContain(TOKEN)
        .contains("catalogToken=***")
        .contains("catalogUri=http://127.0.0.1:8181");
  }

  @Test
  void toStringWithoutToken() {
    TierConfig config = TierConfig.from(new ConfigValues(Map.of()));

    assertThat(config.toString()).contains("catalogToken=none");
  }

  private static TierConfig parse(String key, String value) {
    return TierConfig.from(new ConfigValues(Map.of(key, value)));
  }
}
