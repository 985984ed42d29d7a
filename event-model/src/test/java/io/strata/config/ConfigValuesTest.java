package io.strata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigValuesTest {
  @Test
  void readsTypedValuesWithDefaults() {
    var values = new ConfigValues(Map.of("a.port", "9092", "a.ttl", "7d", "a.every", "500ms"));
    assertThat(values.integer("a.port", 1, 1, 65535)).isEqualTo(9092);
    assertThat(values.integer("a.missing", 7, 1, 10)).isEqualTo(7);
    assertThat(values.duration("a.ttl", Duration.ZERO)).isEqualTo(Duration.ofDays(7));
    assertThat(values.duration("a.every", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
    assertThat(values.string("a.name", "x")).isEqualTo("x");
  }

  @Test
  void errorsNameTheKey() {
    var values = new ConfigValues(Map.of("a.port", "ninety", "a.big", "70000", "a.ttl", "soon"));
    assertThatThrownBy(() -> values.integer("a.port", 1, 1, 65535))
        .hasMessage("a.port must be a whole number, got 'ninety'");
    assertThatThrownBy(() -> values.integer("a.big", 1, 1, 65535))
        .hasMessage("a.big must be between 1 and 65535, got 70000");
    assertThatThrownBy(() -> values.duration("a.ttl", Duration.ZERO))
        .hasMessageStartingWith("a.ttl must be a duration");
  }

  @Test
  void readsSizesInPowersOf1024() {
    var values = new ConfigValues(Map.of("a", "65536", "b", "512kb", "c", "128MB", "d", "2gb", "e", "10 b"));
    assertThat(values.bytes("a", 0, 0)).isEqualTo(65_536);
    assertThat(values.bytes("b", 0, 0)).isEqualTo(512 * 1024);
    assertThat(values.bytes("c", 0, 0)).isEqualTo(128L << 20);
    assertThat(values.bytes("d", 0, 0)).isEqualTo(2L << 30);
    assertThat(values.bytes("e", 0, 0)).isEqualTo(10);
    assertThat(values.bytes("missing", 42, 0)).isEqualTo(42);
  }

  @Test
  void sizeErrorsNameTheKey() {
    var values = new ConfigValues(Map.of("a.mem", "lots", "a.small", "1kb", "a.huge", "999999999999999999gb"));
    assertThatThrownBy(() -> values.bytes("a.mem", 0, 0))
        .hasMessage("a.mem must be a size such as 65536, 512kb, 128mb or 2gb, got 'lots'");
    assertThatThrownBy(() -> values.bytes("a.small", 0, 1 << 20))
        .hasMessage("a.small must be at least 1048576 bytes, got '1kb'");
    assertThatThrownBy(() -> values.bytes("a.huge", 0, 0)).hasMessage("a.huge is too large: '999999999999999999gb'");
  }

  @Test
  void readsAPropertiesFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("strata.properties");
    java.nio.file.Files.writeString(file, "# comment\nstrata.kafka.port = 19092\nstrata.topics.raw=in\n");
    assertThat(ConfigValues.readProperties(file))
        .isEqualTo(Map.of("strata.kafka.port", "19092", "strata.topics.raw", "in"));
  }

  @Test
  void unknownKeysUnderOurPrefixesAreRejected() {
    var values = new ConfigValues(Map.of("strata.kafka.prot", "1", "other.key", "2"));
    assertThatThrownBy(() -> values.rejectUnknown(Set.of("strata."), Set.of("strata.kafka.port")))
        .hasMessage("unknown configuration key 'strata.kafka.prot'");
  }
}
