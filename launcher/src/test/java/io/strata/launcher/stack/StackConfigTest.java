package io.strata.launcher.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StackConfigTest {
  @Test
  void defaults() {
    StackConfig config = StackConfig.from(Map.of());
    assertThat(config.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
    assertThat(config.kafkaPort()).isEqualTo(9092);
    assertThat(config.kafkaControllerPort()).isEqualTo(9093);
    assertThat(config.topicPartitions()).isEqualTo(4);
    assertThat(config.embeddedS3()).isTrue();
    assertThat(config.s3Port()).isEqualTo(9000);
    assertThat(config.s3Endpoint()).isEqualTo("http://127.0.0.1:9000");
    assertThat(config.bucket()).isEqualTo("strata-lake");
    assertThat(config.s3Credentials().accessKey()).isEqualTo("strata");
    assertThat(config.embeddedCatalog()).isTrue();
    assertThat(config.flinkUiPort()).isEqualTo(8081);
    assertThat(config.flinkSlots()).as("as many as the jobs need").isZero();
    assertThat(config.slotsFor(3)).as("ingest, tier, maintenance, 3 projections, a build").isEqualTo(8);
    assertThat(config.flinkManagedMemory(8)).isEqualTo((8 * 96L << 20) + "b");
    assertThat(config.viewsAdminToken()).hasValue("strata-admin-demo-token");
    assertThat(config.viewsEnabled()).isTrue();
    assertThat(config.viewsPort()).isEqualTo(8090);
    assertThat(config.viewTokens().tenantOf("Bearer tenant-3-demo-token")).hasValue("tenant-3");
    assertThat(config.views().store()).isEqualTo("embedded:" + Path.of("data").toAbsolutePath().resolve("views"));
    assertThat(config.views().projectionsDir()).endsWith("projections");
    assertThat(config.ingest().bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(config.ingest().checkpoints().directory()).isEqualTo("s3a://strata-lake/checkpoints/ingest");
    assertThat(config.ingest().checkpoints().interval()).as("views are as fresh as its commits").isEqualTo(Duration.ofMillis(250));
    assertThat(config.tier().checkpoints().interval()).as("the lake's commits").isEqualTo(Duration.ofSeconds(10));
    assertThat(config.tier().catalogUri()).isEqualTo("http://127.0.0.1:8181");
    assertThat(config.tier().checkpoints().directory()).isEqualTo("s3a://strata-lake/checkpoints/tier");
    assertThat(config.catalog().port()).isEqualTo(8181);
    assertThat(config.catalog().warehouse()).isEqualTo("s3://strata-lake/warehouse");
    assertThat(config.catalog().jdbcUrl())
        .isEqualTo("jdbc:sqlite:" + Path.of("data").toAbsolutePath().resolve("catalog/catalog.db"));
  }

  @Test
  void fullMapping() {
    Map<String, String> raw = new HashMap<>();
    raw.put("strata.data-dir", "/tmp/strata-x");
    raw.put("strata.kafka.port", "19092");
    raw.put("strata.kafka.controller-port", "19093");
    raw.put("strata.topics.partitions", "8");
    raw.put("strata.s3.port", "19000");
    raw.put("strata.s3.bucket", "my-lake");
    raw.put("strata.s3.access-key", "ak");
    raw.put("strata.s3.secret-key", "sk");
    raw.put("strata.catalog.port", "18181");
    raw.put("strata.catalog.token", "t0ken");
    raw.put("strata.flink.ui-port", "18081");
    raw.put("strata.flink.slots", "2");
    raw.put("strata.flink.managed-memory", "1gb");
    raw.put("strata.views.enabled", "false");
    raw.put("strata.views.port", "18090");
    raw.put("strata.views.tokens", "a-very-long-token-1=acme");
    raw.put("strata.views.admin-token", "an-admin-token-0123");
    raw.put("strata.views.store", "redis://127.0.0.1:6379");
    raw.put("strata.checkpoint.interval", "3s");
    StackConfig config = StackConfig.from(raw);
    assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/strata-x"));
    assertThat(config.kafkaPort()).isEqualTo(19092);
    assertThat(config.kafkaControllerPort()).isEqualTo(19093);
    assertThat(config.topicPartitions()).isEqualTo(8);
    assertThat(config.s3Endpoint()).isEqualTo("http://127.0.0.1:19000");
    assertThat(config.bucket()).isEqualTo("my-lake");
    assertThat(config.s3Credentials().secretKey()).isEqualTo("sk");
    assertThat(config.flinkUiPort()).isEqualTo(18081);
    assertThat(config.flinkSlots()).isEqualTo(2);
    assertThat(config.slotsFor(3)).isEqualTo(2);
    assertThat(config.flinkManagedMemoryBytes()).hasValue(1L << 30);
    assertThat(config.flinkManagedMemory(2)).isEqualTo((1L << 30) + "b");
    assertThat(config.viewsAdminToken()).hasValue("an-admin-token-0123");
    assertThat(config.viewsEnabled()).isFalse();
    assertThat(config.viewsPort()).isEqualTo(18090);
    assertThat(config.viewTokens().tenantOf("Bearer a-very-long-token-1")).hasValue("acme");
    assertThat(config.viewTokens().tenantOf("Bearer tenant-3-demo-token")).isEmpty();
    assertThat(config.views().store()).isEqualTo("redis://127.0.0.1:6379");
    assertThat(config.ingest().bootstrapServers()).isEqualTo("127.0.0.1:19092");
    assertThat(config.ingest().checkpoints().directory()).isEqualTo("s3a://my-lake/checkpoints/ingest");
    assertThat(config.ingest().checkpoints().interval()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.tier().catalogUri()).isEqualTo("http://127.0.0.1:18181");
    assertThat(config.tier().catalogToken()).isEqualTo(Optional.of("t0ken"));
    assertThat(config.catalog().warehouse()).isEqualTo("s3://my-lake/warehouse");
    assertThat(config.toString()).doesNotContain("t0ken").doesNotContain("=sk");
  }

  @Test
  void badSettingsNameTheirKey() {
    assertThatThrownBy(() -> StackConfig.from(Map.of("strata.kafka.prot", "1")))
        .hasMessage("unknown configuration key 'strata.kafka.prot'");
    assertThatThrownBy(() -> StackConfig.from(Map.of("strata.s3.bucket", "Bad_Bucket")))
        .hasMessageContaining("strata.s3.bucket");
    assertThatThrownBy(() -> StackConfig.from(Map.of("strata.s3.embedded", "maybe")))
        .hasMessage("strata.s3.embedded must be true or false, got 'maybe'");
    assertThatThrownBy(() -> StackConfig.from(Map.of("strata.s3.embedded", "false")))
        .hasMessage("strata.s3.endpoint is required when strata.s3.embedded=false");
    assertThatThrownBy(() -> StackConfig.from(Map.of("strata.kafka.port", "70000")))
        .hasMessage("strata.kafka.port must be between 0 and 65535, got 70000");
    assertThatThrownBy(() -> StackConfig.from(Map.of("strata.views.store", "memcached://x")))
        .hasMessage("strata.views.store must be embedded:<folder> or redis://host:port, got 'memcached://x'");
    assertThatThrownBy(() -> StackConfig.from(Map.of("strata.views.tokens", "short=acme")))
        .hasMessageStartingWith("strata.views.tokens must be <token>=<tenant> pairs");
    assertThatThrownBy(() -> StackConfig.from(Map.of("strata.flink.managed-memory", "1mb")))
        .hasMessage("strata.flink.managed-memory must be at least 16777216 bytes, got '1mb'");
    assertThatThrownBy(() -> StackConfig.from(Map.of("strata.views.admin-token", "short")))
        .hasMessage("strata.views.admin-token must be at least 16 letters, digits or ._~+/- (empty: no admin), got a token of 5 characters");
  }
}
