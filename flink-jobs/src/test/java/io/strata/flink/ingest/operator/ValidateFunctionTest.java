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
import io.strata.event.ValidationConfig;
import io.strata.schemas.CatalogRelease;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
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

  private BroadcastOperatorTestHarness<RawRecord, CatalogRelease, EventEnvelope> harness;

  @BeforeEach
  void openHarness() throws Exception {
    harness = harness(new ValidateFunction(ValidationConfig.defaults(), TestingEvents.shippedRelease(), true));
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  static BroadcastOperatorTestHarness<RawRecord, CatalogRelease, EventEnvelope> harness(ValidateFunction function)
      throws Exception {
    return ProcessFunctionTestHarnesses.forBroadcastProcessFunction(function, ValidateFunction.RELEASES);
  }

  static List<DeadLetter> deadLetters(AbstractStreamOperatorTestHarness<?> harness) {
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
  void aPayloadItsSchemaRefusesGoesToDeadLettersNamingTheField() throws Exception {
    byte[] value = utf8(ORDER_PLACED_V1.replace("\"amount\":12.5", "\"amount\":\"12.5\""));

    harness.processElement(raw(null, value), 1L);

    DeadLetter letter = single(deadLetters(harness));
    assertThat(letter.reasonCode()).isEqualTo("PAYLOAD_INVALID");
    assertThat(letter.reason()).startsWith("payload of order.placed v1 at /amount: ").endsWith("(type)")
        .doesNotContain("12.5");
  }

  @Test
  void failedUpcastGoesToDeadLetters() throws Exception {
    // Valid under version 1's schema, but no integer number of cents of 31 digits fits the upcast.
    byte[] value = utf8(ORDER_PLACED_V1.replace("\"amount\":12.5", "\"amount\":1e31"));

    harness.processElement(raw(null, value), 1L);

    DeadLetter letter = single(deadLetters(harness));
    assertThat(letter.reasonCode()).isEqualTo("UPCAST_FAILED");
    assertThat(letter.reason())
        .isEqualTo(
            "upcast of 'order.placed' from version 1 to 2 failed:"
                + " payload field 'amount' has more than 30 integer digits");
  }

  @Test
  void aNewerCatalogReleaseTakesOverWithoutARestartAndAnOlderOneChangesNothing() throws Exception {
    String newType = ORDER_PLACED_V1.replace("\"order.placed\"", "\"order.returned\"");
    harness.processElement(raw(null, utf8(newType)), 1L);
    assertThat(single(deadLetters(harness)).reasonCode()).isEqualTo("UNKNOWN_EVENT_TYPE");

    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("schemas");
    copyShipped(dir);
    java.nio.file.Path returned = java.nio.file.Files.createDirectories(dir.resolve("order.returned"));
    java.nio.file.Files.writeString(returned.resolve("type.yaml"), "type: order.returned\nowner: test\ndescription: returned\n");
    java.nio.file.Files.writeString(returned.resolve("v1.yaml"),
        "type: order.returned\nversion: 1\nschema:\n  type: object\n  properties:\n    amount: {type: number}\n");
    CatalogRelease second = TestingEvents.shippedRelease().next(io.strata.schemas.SchemaFiles.load(dir), java.time.Instant.now());
    harness.processBroadcastElement(second, 2L);
    harness.processBroadcastElement(TestingEvents.shippedRelease(), 3L);

    harness.processElement(raw(null, utf8(newType)), 4L);
    assertThat(harness.extractOutputValues()).extracting(EventEnvelope::eventType).containsExactly("order.returned");
    assertThat(harness.getBroadcastState(ValidateFunction.RELEASES).get("current").generation()).isEqualTo(2);
  }

  private static void copyShipped(java.nio.file.Path to) throws java.io.IOException {
    java.nio.file.Path from = java.nio.file.Path.of("../schemas");
    try (var files = java.nio.file.Files.walk(from)) {
      for (java.nio.file.Path f : files.toList()) {
        java.nio.file.Path target = to.resolve(from.relativize(f).toString());
        if (java.nio.file.Files.isDirectory(f)) {
          java.nio.file.Files.createDirectories(target);
        } else if (f.toString().endsWith(".yaml")) {
          java.nio.file.Files.copy(f, target);
        }
      }
    }
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
