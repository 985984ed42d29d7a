package io.strata.flink.ingest.operator;

import static io.strata.flink.TestingEvents.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.event.EventEnvelope;
import io.strata.flink.TestingEvents;
import io.strata.flink.ingest.sink.DeadLetter;
import io.strata.flink.ingest.source.RawRecord;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ValidateFunctionTest {
  static final String ORDER_PLACED_V1 =
      """
      {"event_id":"evt-1","event_type":"order.placed","schema_version":1,"tenant_id":"acme",\
      "entity_id":"order-1","event_time":"2025-03-01T10:15:30Z","source":"checkout",\
      "correlation_id":"corr-1","payload":{"order_id":"order-1","amount":12.5}}\
      """;

  private OneInputStreamOperatorTestHarness<RawRecord, EventEnvelope> harness;

  @BeforeEach
  void openHarness() throws Exception {
    harness = harness(new ValidateFunction(TestingEvents.defaultValidator()));
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  static OneInputStreamOperatorTestHarness<RawRecord, EventEnvelope> harness(
      ValidateFunction function) throws Exception {
    OneInputStreamOperatorTestHarness<RawRecord, EventEnvelope> harness =
        new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(function));
    harness.open();
    return harness;
  }

  static List<DeadLetter> deadLetters(OneInputStreamOperatorTestHarness<RawRecord, ?> harness) {
    Queue<StreamRecord<DeadLetter>> letters = harness.getSideOutput(ValidateFunction.DEAD_LETTERS);
    return letters == null ? List.of() : letters.stream().map(StreamRecord::getValue).toList();
  }

  @Test
  void validRecordComesOutUpcastToTheLatestVersion() throws Exception {
    harness.processElement(raw(utf8("order-1"), utf8(ORDER_PLACED_V1)), 1L);

    assertThat(harness.extractOutputValues())
        .containsExactly(
            new EventEnvelope(
                "evt-1",
                "order.placed",
                2,
                "acme",
                "order-1",
                Instant.parse("2025-03-01T10:15:30Z"),
                null,
                "checkout",
                "corr-1",
                null,
                "order-1",
                "{\"order_id\":\"order-1\",\"amount_cents\":1250,\"currency\":\"EUR\"}",
                1));
    assertThat(deadLetters(harness)).isEmpty();
  }

  @Test
  void aNewerProducersExtraTopLevelFieldIsAcceptedWithoutIt() throws Exception {
    harness.processElement(raw(null, utf8(ORDER_PLACED_V1)), 1L);
    harness.processElement(raw(null, utf8(ORDER_PLACED_V1.replace("\"source\":", "\"trace_id\":\"t-9\",\"source\":"))), 2L);

    List<EventEnvelope> out = harness.extractOutputValues();
    assertThat(out).hasSize(2);
    assertThat(out.get(1)).isEqualTo(out.get(0));
    assertThat(deadLetters(harness)).isEmpty();
  }

  @Test
  void notJsonGoesToDeadLettersWithTheOriginalBytes() throws Exception {
    byte[] key = utf8("k-1");
    byte[] value = utf8("this is not json");

    harness.processElement(raw(key, value), 1L);

    assertThat(harness.extractOutputValues()).isEmpty();
    DeadLetter letter = single(deadLetters(harness));
    assertThat(letter.reasonCode()).isEqualTo("NOT_JSON");
    assertThat(letter.reason()).startsWith("not valid JSON at line 1, column ");
    assertThat(letter.key()).isEqualTo(key);
    assertThat(letter.value()).isEqualTo(value);
    assertSource(letter);
  }

  @Test
  void missingTenantGoesToDeadLetters() throws Exception {
    byte[] value = utf8(ORDER_PLACED_V1.replace("\"tenant_id\":\"acme\",", ""));

    harness.processElement(raw(utf8("order-1"), value), 1L);

    assertThat(harness.extractOutputValues()).isEmpty();
    DeadLetter letter = single(deadLetters(harness));
    assertThat(letter.reasonCode()).isEqualTo("MISSING_FIELD");
    assertThat(letter.reason()).isEqualTo("missing field 'tenant_id'");
    assertThat(letter.key()).isEqualTo(utf8("order-1"));
    assertThat(letter.value()).isEqualTo(value);
    assertSource(letter);
  }

  @Test
  void unknownEventTypeGoesToDeadLetters() throws Exception {
    byte[] value = utf8(ORDER_PLACED_V1.replace("order.placed", "order.cancelled"));

    harness.processElement(raw(null, value), 1L);

    assertThat(harness.extractOutputValues()).isEmpty();
    DeadLetter letter = single(deadLetters(harness));
    assertThat(letter.reasonCode()).isEqualTo("UNKNOWN_EVENT_TYPE");
    assertThat(letter.reason()).isEqualTo("unknown event type 'order.cancelled'");
    assertThat(letter.key()).isNull();
    assertThat(letter.value()).isEqualTo(value);
    assertSource(letter);
  }

  @Test
  void nullValueGoesToDeadLetters() throws Exception {
    harness.processElement(raw(utf8("order-1"), null), 1L);

    assertThat(harness.extractOutputValues()).isEmpty();
    DeadLetter letter = single(deadLetters(harness));
    assertThat(letter.reasonCode()).isEqualTo("EMPTY_RECORD");
    assertThat(letter.reason()).isEqualTo("record has no value");
    assertThat(letter.key()).isEqualTo(utf8("order-1"));
    assertThat(letter.value()).isNull();
    assertSource(letter);
  }

  @Test
  void failedUpcastGoesToDeadLetters() throws Exception {
    byte[] value = utf8(ORDER_PLACED_V1.replace("\"amount\":12.5", "\"amount\":\"12.5\""));

    harness.processElement(raw(null, value), 1L);

    DeadLetter letter = single(deadLetters(harness));
    assertThat(letter.reasonCode()).isEqualTo("UPCAST_FAILED");
    assertThat(letter.reason())
        .isEqualTo(
            "upcast of 'order.placed' from version 1 to 2 failed:"
                + " payload field 'amount' is not a number");
  }

  @Test
  void goodAndBadRecordsAreSplitInOrder() throws Exception {
    harness.processElement(raw(null, utf8(ORDER_PLACED_V1)), 1L);
    harness.processElement(raw(null, utf8("[]")), 2L);
    harness.processElement(raw(null, utf8(ORDER_PLACED_V1.replace("evt-1", "evt-2"))), 3L);
    harness.processElement(raw(null, null), 4L);

    assertThat(harness.extractOutputValues())
        .extracting(EventEnvelope::eventId)
        .containsExactly("evt-1", "evt-2");
    assertThat(deadLetters(harness))
        .extracting(DeadLetter::reasonCode)
        .containsExactly("NOT_AN_OBJECT", "EMPTY_RECORD");
  }

  private static RawRecord raw(byte[] key, byte[] value) {
    return new RawRecord("events.raw", 3, 42L, key, value);
  }

  private static void assertSource(DeadLetter letter) {
    assertThat(letter.sourceTopic()).isEqualTo("events.raw");
    assertThat(letter.sourcePartition()).isEqualTo(3);
    assertThat(letter.sourceOffset()).isEqualTo(42L);
  }

  private static DeadLetter single(List<DeadLetter> letters) {
    assertThat(letters).hasSize(1);
    return letters.get(0);
  }
}
