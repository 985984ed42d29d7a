package io.strata.launcher.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.embedded.EmbeddedKafka;
import io.strata.event.RecordLimits;
import io.strata.event.ValidationConfig;
import org.junit.jupiter.api.Test;

/** The embedded broker's limit is the one the pipeline's producers use, and it has room for the largest raw record. */
class RecordLimitsAgreeTest {
  @Test
  void theBrokerTakesWhatTheProducersSendAndTheRawTopicHasRoomForTheLargestPayload() {
    assertThat(EmbeddedKafka.MAX_MESSAGE_BYTES).isEqualTo(RecordLimits.MAX_RECORD_BYTES);
    assertThat(RecordLimits.MAX_RECORD_BYTES).isGreaterThan(RecordLimits.MAX_RAW_RECORD_BYTES);
    assertThat(ValidationConfig.DEFAULT_MAX_PAYLOAD_BYTES).isLessThanOrEqualTo(RecordLimits.maxPayloadLimit());
  }
}
