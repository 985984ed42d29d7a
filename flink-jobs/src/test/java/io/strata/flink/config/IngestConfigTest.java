package io.strata.flink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.config.ConfigValues;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IngestConfigTest {
  @Test
  void defaults() {
    IngestConfig config = IngestConfig.from(new ConfigValues(Map.of()));

    assertThat(config)
        .isEqualTo(
            new IngestConfig(
                "127.0.0.1:9092",
                "events.raw",
                "events.log",
                "events.dlq",
                Duration.ofHours(24),
                1_048_576,
                1,
                "events.schemas",
                "schemas",
                true,
                new CheckpointSettings(
                    Duration.ofMillis(250), "s3a://strata-lake/checkpoints/ingest")));
  }

  @Test
  void explicitValues() {
    Map<String, String> properties = new HashMap<>();
    properties.put("strata.kafka.bootstrap-servers", "kafka-1:9093,kafka-2:9093");
    properties.put("strata.topics.raw", "acme.raw");
    properties.put("strata.topics.log", "acme.log");
    properties.put("strata.topics.dlq", "acme.dlq");
    properties.put("strata.ingest.dedup-ttl", "36h");
    properties.put("strata.ingest.max-payload-bytes", "65536");
    properties.put("strata.ingest.parallelism", "4");
    properties.put("strata.topics.schemas", "acme.schemas");
    properties.put("strata.ingest.schemas-dir", "/etc/acme/schemas");
    properties.put("strata.ingest.validate-payloads", "false");
    properties.put("strata.checkpoint.interval", "10s");
    properties.put("strata.ingest.checkpoint-interval", "2500ms");
    properties.put("strata.checkpoint.dir", "s3a://acme-lake/ckpt/");
    // Every key the job reads is set here, so a new key without a mapping test fails.
    assertThat(properties.keySet()).isEqualTo(union(IngestConfig.KEYS, CheckpointSettings.keysOf("ingest")));

    IngestConfig config = IngestConfig.from(new ConfigValues(properties));

    assertThat(config)
        .isEqualTo(
            new IngestConfig(
                "kafka-1:9093,kafka-2:9093",
                "acme.raw",
                "acme.log",
                "acme.dlq",
                Duration.ofHours(36),
                65_536,
                4,
                "acme.schemas",
                "/etc/acme/schemas",
                false,
                new CheckpointSettings(Duration.ofMillis(2500), "s3a://acme-lake/ckpt/ingest")));
  }

  @Test
  void theSharedIntervalAppliesToIngestWhenItsOwnIsNotSet() {
    Map<String, String> properties = new HashMap<>();
    properties.put("strata.checkpoint.interval", "3s");
    assertThat(IngestConfig.from(new ConfigValues(properties)).checkpoints().interval()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void dedupTtlMustBePositive() {
    assertThatThrownBy(() -> parse("strata.ingest.dedup-ttl", "0s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("strata.ingest.dedup-ttl must be positive, got PT0S");
  }

  @Test
  void dedupTtlMustBeADuration() {
    assertThatThrownBy(() -> parse("strata.ingest.dedup-ttl", "a week"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "strata.ingest.dedup-ttl must be a duration such as 500ms, 10s, 5m, 2h or 7d, got 'a"
                + " week'");
  }

  @Test
  void parallelismMustBeInRange() {
    assertThatThrownBy(() -> parse("strata.ingest.parallelism", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("strata.ingest.parallelism must be between 1 and 1024, got 0");
    assertThatThrownBy(() -> parse("strata.ingest.parallelism", "4096"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("strata.ingest.parallelism must be between 1 and 1024, got 4096");
  }

  @Test
  void parallelismMustBeANumber() {
    assertThatThrownBy(() -> parse("strata.ingest.parallelism", "four"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("strata.ingest.parallelism must be a whole number, got 'four'");
  }

  @Test
  void maxPayloadBytesMustBePositive() {
    assertThatThrownBy(() -> parse("strata.ingest.max-payload-bytes", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("strata.ingest.max-payload-bytes must be between 1 and 2147483647, got 0");
  }

  @Test
  void aBadValidatePayloadsNamesTheKey() {
    assertThatThrownBy(() -> parse("strata.ingest.validate-payloads", "yes"))
        .hasMessage("strata.ingest.validate-payloads must be true or false, got 'yes'");
  }

  @Test
  void topicsMustDiffer() {
    assertThatThrownBy(() -> parse("strata.topics.schemas", "events.dlq"))
        .hasMessage("strata.topics.raw, strata.topics.log, strata.topics.dlq and strata.topics.schemas must be four different topics");
    assertThatThrownBy(() -> parse("strata.topics.log", "events.raw"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "strata.topics.raw, strata.topics.log, strata.topics.dlq and strata.topics.schemas must be four different"
                + " topics");
    assertThatThrownBy(() -> parse("strata.topics.dlq", "events.log"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "strata.topics.raw, strata.topics.log, strata.topics.dlq and strata.topics.schemas must be four different"
                + " topics");
    assertThatThrownBy(
            () ->
                IngestConfig.from(
                    new ConfigValues(
                        Map.of("strata.topics.raw", "events", "strata.topics.dlq", "events"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "strata.topics.raw, strata.topics.log, strata.topics.dlq and strata.topics.schemas must be four different"
                + " topics");
  }

  @Test
  void checkpointIntervalMustBeAtLeast100ms() {
    assertThatThrownBy(() -> parse("strata.checkpoint.interval", "50ms"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("strata.checkpoint.interval must be at least 100ms, got 50ms");
  }

  @Test
  void checkpointIntervalMustHaveAUnit() {
    assertThatThrownBy(() -> parse("strata.checkpoint.interval", "10"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "strata.checkpoint.interval must be a duration such as 500ms, 10s, 5m, 2h or 7d, got"
                + " '10'");
  }

  @Test
  void checkpointDirMustBeAUri() {
    assertThatThrownBy(() -> parse("strata.checkpoint.dir", "/tmp/checkpoints"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "strata.checkpoint.dir must be a URI such as s3a://bucket/checkpoints,"
                + " got '/tmp/checkpoints/ingest'");
  }

  @Test
  void constructorChecksParallelism() {
    assertThatThrownBy(
            () ->
                new IngestConfig(
                    "127.0.0.1:9092",
                    "events.raw",
                    "events.log",
                    "events.dlq",
                    Duration.ofHours(24),
                    1024,
                    0,
                    "events.schemas",
                    "schemas",
                    true,
                    new CheckpointSettings(Duration.ofSeconds(10), "s3a://b/c")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("strata.ingest.parallelism must be at least 1, got 0");
  }

  private static IngestConfig parse(String key, String value) {
    return IngestConfig.from(new ConfigValues(Map.of(key, value)));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }
}
