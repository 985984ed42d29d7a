package io.strata.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidationConfigTest {

  @Test
  void defaults() {
    assertThat(ValidationConfig.defaults().maxPayloadBytes()).isEqualTo(1_048_576);
    assertThat(ValidationConfig.MAX_PAYLOAD_BYTES_KEY).isEqualTo("strata.ingest.max-payload-bytes");
  }

  @Test
  void acceptsAnyPositiveLimit() {
    assertThat(new ValidationConfig(1).maxPayloadBytes()).isEqualTo(1);
    assertThat(new ValidationConfig(Integer.MAX_VALUE).maxPayloadBytes())
        .isEqualTo(Integer.MAX_VALUE);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void rejectsANonPositiveLimitNamingTheKey(int maxPayloadBytes) {
    assertThatThrownBy(() -> new ValidationConfig(maxPayloadBytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("strata.ingest.max-payload-bytes must be > 0, got " + maxPayloadBytes);
  }
}
