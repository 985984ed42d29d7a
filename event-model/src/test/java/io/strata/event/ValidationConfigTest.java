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
  void acceptsAnyPositiveLimitThatTheRawTopicHasRoomFor() {
    assertThat(new ValidationConfig(1).maxPayloadBytes()).isEqualTo(1);
    assertThat(new ValidationConfig(RecordLimits.maxPayloadLimit()).maxPayloadBytes())
        .isEqualTo(1_835_008);
  }

  @Test
  void rejectsALimitOverWhatTheRawTopicTakes() {
    assertThatThrownBy(() -> new ValidationConfig(RecordLimits.maxPayloadLimit() + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("strata.ingest.max-payload-bytes must be at most 1835008 (the raw topic takes records of up to"
            + " 2097152 bytes, envelope included), got 1835009");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void rejectsANonPositiveLimitNamingTheKey(int maxPayloadBytes) {
    assertThatThrownBy(() -> new ValidationConfig(maxPayloadBytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("strata.ingest.max-payload-bytes must be > 0, got " + maxPayloadBytes);
  }
}
