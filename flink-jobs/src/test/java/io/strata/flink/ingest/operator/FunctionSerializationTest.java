package io.strata.flink.ingest.operator;

import static io.strata.flink.TestingEvents.orderPlaced;
import static io.strata.flink.TestingEvents.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.event.EventEnvelope;
import io.strata.event.ValidationConfig;
import io.strata.flink.TestingEvents;
import io.strata.flink.ingest.sink.DeadLetter;
import io.strata.flink.ingest.source.RawRecord;
import org.apache.flink.util.InstantiationUtil;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Flink ships functions to the task managers with Java serialization; the copies must still work.
 */
class FunctionSerializationTest {
  @Test
  void validateFunctionWorksAfterJavaSerialization() throws Exception {
    ValidateFunction copy =
        InstantiationUtil.clone(new ValidateFunction(ValidationConfig.defaults(), TestingEvents.shippedRelease(), true));

    try (var harness = ValidateFunctionTest.harness(copy)) {
      harness.processElement(
          new RawRecord("events.raw", 0, 1L, null, utf8(ValidateFunctionTest.ORDER_PLACED_V1)), 1L);
      harness.processElement(new RawRecord("events.raw", 0, 2L, null, utf8("{}")), 2L);

      assertThat(harness.extractOutputValues())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.schemaVersion()).isEqualTo(2);
                assertThat(e.payload()).contains("\"amount_cents\":1250");
              });
      assertThat(ValidateFunctionTest.deadLetters(harness))
          .extracting(DeadLetter::reasonCode, DeadLetter::reason)
          .containsExactly(Tuple.tuple("MISSING_FIELD", "missing field 'event_id'"));
    }
  }

  @Test
  void deduplicateFunctionKeepsClockAndTtlAfterJavaSerialization() throws Exception {
    DeduplicateFunction copy =
        InstantiationUtil.clone(
            new DeduplicateFunction(DeduplicateFunctionTest.TTL, DeduplicateFunctionTest.CLOCK));

    try (var harness = DeduplicateFunctionTest.harness(copy)) {
      harness.open();
      harness.processElement(orderPlaced("acme", "order-1", "evt-1"), 1L);
      harness.processElement(orderPlaced("acme", "order-1", "evt-1"), 2L);
      harness.setStateTtlProcessingTime(DeduplicateFunctionTest.TTL.toMillis() + 1);
      harness.processElement(orderPlaced("acme", "order-1", "evt-1"), 3L);

      assertThat(harness.extractOutputValues())
          .extracting(EventEnvelope::ingestTime)
          .containsExactly(TestingEvents.INGEST_TIME, TestingEvents.INGEST_TIME);
    }
  }
}
