package io.strata.event;

import static io.strata.event.EnvelopeCodecTest.valid;
import static io.strata.event.TestingEvents.bytes;
import static io.strata.event.TestingEvents.wire;
import static io.strata.event.TestingEvents.withRawPayload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class EnvelopeValidatorTest {

  // {"blob":""} is 11 bytes; the rest of the payload is the blob's characters.
  private static final int BLOB_OVERHEAD = 11;

  private final EnvelopeValidator validator =
      new EnvelopeValidator(ValidationConfig.defaults(), StrataEventTypes.defaults());

  @Test
  void acceptsALatestVersionEventUnchanged() {
    byte[] input = bytes(wire());

    assertThat(validator.validate(input)).isEqualTo(new EnvelopeCodec().decode(input));
  }

  @Test
  void upcastsOlderVersionsToTheLatest() {
    ObjectNode node = wire();
    node.put("schema_version", 1);
    ObjectNode payload = node.putObject("payload");
    payload.put("order_id", "order-42");
    payload.put("amount", 12.34);

    EventEnvelope envelope = valid(validator.validate(bytes(node)));

    assertThat(envelope.schemaVersion()).isEqualTo(2);
    assertThat(envelope.originalSchemaVersion()).as("the version it was sent as stays recorded").isEqualTo(1);
    assertThat(envelope.payload())
        .isEqualTo("{\"order_id\":\"order-42\",\"amount_cents\":1234,\"currency\":\"EUR\"}");
    assertThat(envelope.eventId()).isEqualTo("evt-1");
  }

  @Test
  void aPayloadItsVersionsSchemaRefusesIsRejectedWithTheSchemasReasonBeforeAnyUpcast() {
    java.util.List<String> asked = new java.util.ArrayList<>();
    PayloadSchemas schemas = (type, version, payload) -> {
      asked.add(type + " v" + version);
      return payload.contains("amount") && version == 1
          ? java.util.Optional.of("payload of order.placed v1 at /amount: number expected (type)")
          : java.util.Optional.empty();
    };
    EnvelopeValidator checking = new EnvelopeValidator(ValidationConfig.defaults(), StrataEventTypes.defaults(), schemas);
    ObjectNode node = wire();
    node.put("schema_version", 1);
    node.putObject("payload").put("amount", "twelve");

    assertRejected(checking, bytes(node), RejectionCode.PAYLOAD_INVALID, "payload of order.placed v1 at /amount: number expected (type)");
    assertThat(asked).containsExactly("order.placed v1");
    assertThat(valid(checking.validate(bytes(wire()))).schemaVersion()).isEqualTo(2);
  }

  @Test
  void payloadOfExactlyTheLimitPasses() {
    EventEnvelope envelope =
        valid(
            validator.validate(
                withBlob(ValidationConfig.DEFAULT_MAX_PAYLOAD_BYTES - BLOB_OVERHEAD)));

    assertThat(envelope.payload()).hasSize(1_048_576);
  }

  @Test
  void payloadOneByteOverTheLimitFails() {
    assertRejected(
        validator,
        withBlob(ValidationConfig.DEFAULT_MAX_PAYLOAD_BYTES - BLOB_OVERHEAD + 1),
        RejectionCode.PAYLOAD_TOO_LARGE,
        "payload is 1048577 bytes, over the limit of 1048576");
  }

  @Test
  void payloadSizeCountsUtf8BytesOfTheCompactForm() {
    EnvelopeValidator small =
        new EnvelopeValidator(new ValidationConfig(15), StrataEventTypes.defaults());
    ObjectNode node = wire();
    node.put("event_type", "page.viewed");
    node.put("schema_version", 1);

    // Whitespace on the wire does not count: compact {"s":"abcdefg"} is 15 bytes.
    byte[] spaced = withRawPayload(node, "{  \"s\" :  \"abcdefg\" }");
    assertThat(valid(small.validate(spaced)).payload()).isEqualTo("{\"s\":\"abcdefg\"}");

    // Four two-byte characters: {"s":"\u00e9\u00e9\u00e9\u00e9"} is 12 characters but 16 bytes.
    node.putObject("payload").put("s", "\u00e9\u00e9\u00e9\u00e9");
    assertRejected(
        small,
        bytes(node),
        RejectionCode.PAYLOAD_TOO_LARGE,
        "payload is 16 bytes, over the limit of 15");
  }

  @Test
  void rejectsUnknownEventType() {
    ObjectNode node = wire();
    node.put("event_type", "foo.bar");

    assertRejected(
        validator, bytes(node), RejectionCode.UNKNOWN_EVENT_TYPE, "unknown event type 'foo.bar'");
  }

  @Test
  void rejectsUnknownSchemaVersion() {
    ObjectNode node = wire();
    node.put("schema_version", 7);

    assertRejected(
        validator,
        bytes(node),
        RejectionCode.UNKNOWN_SCHEMA_VERSION,
        "event type 'order.placed' has no schema version 7 (known: 1, 2)");
  }

  @Test
  void rejectsAFailedUpcastWithoutPayloadContents() {
    ObjectNode node = wire();
    node.put("schema_version", 1);
    node.putObject("payload").put("amount", "4111-1111-1111-1111");

    assertRejected(
        validator,
        bytes(node),
        RejectionCode.UPCAST_FAILED,
        "upcast of 'order.placed' from version 1 to 2 failed: payload field 'amount' is not a"
            + " number");
  }

  @Test
  void passesDecodeRejectionsThrough() {
    assertRejected(
        validator,
        bytes("[]"),
        RejectionCode.NOT_AN_OBJECT,
        "expected a JSON object, got an array");
  }

  @Test
  void survivesJavaSerialization() {
    EnvelopeValidator small =
        new EnvelopeValidator(new ValidationConfig(100), StrataEventTypes.defaults());
    ObjectNode node = wire();
    node.put("schema_version", 1);
    node.putObject("payload").put("amount", 5);

    EnvelopeValidator copy = TestingEvents.javaRoundTrip(small);

    assertThat(copy.config()).isEqualTo(new ValidationConfig(100));
    assertThat(copy.registry().eventTypes()).isEqualTo(small.registry().eventTypes());
    assertThat(valid(copy.validate(bytes(node))).payload())
        .isEqualTo("{\"amount_cents\":500,\"currency\":\"EUR\"}");
    assertRejected(
        copy,
        withBlob(100),
        RejectionCode.PAYLOAD_TOO_LARGE,
        "payload is 111 bytes, over the limit of 100");
  }

  @Test
  void requiresItsArguments() {
    assertThatThrownBy(() -> new EnvelopeValidator(null, StrataEventTypes.defaults()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("config is null");
    assertThatThrownBy(() -> new EnvelopeValidator(ValidationConfig.defaults(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("registry is null");
  }

  private static byte[] withBlob(int blobChars) {
    ObjectNode node = wire();
    node.put("event_type", "page.viewed");
    node.put("schema_version", 1);
    node.putObject("payload").put("blob", "x".repeat(blobChars));
    return bytes(node);
  }

  private static void assertRejected(
      EnvelopeValidator validator, byte[] input, RejectionCode code, String message) {
    assertThat(validator.validate(input))
        .isEqualTo(new DecodeResult.Invalid(new Rejection(code, message)));
  }
}
