package io.strata.event;

import static io.strata.event.TestingEvents.bytes;
import static io.strata.event.TestingEvents.wire;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeCodecRejectionTest {

  private final EnvelopeCodec codec = new EnvelopeCodec();

  @Test
  void notJson() {
    assertRejected(
        bytes("{\"event_id\": \"e\", \"payload\": {\"card\": 4111x}}"),
        RejectionCode.NOT_JSON,
        "not valid JSON at line 1, column 43");
    assertRejected(
        bytes("{\"a\":1}\n{\"a\":2}"),
        RejectionCode.NOT_JSON,
        "not valid JSON at line 2, column 1");
    assertRejected(
        bytes("{\"a\":1,\"a\":2}"), RejectionCode.NOT_JSON, "not valid JSON at line 1, column 11");
    byte[] invalidUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'};
    assertRejected(invalidUtf8, RejectionCode.NOT_JSON, "not valid JSON at line 1, column 8");
    assertRejected(bytes(""), RejectionCode.NOT_JSON, "not valid JSON: empty input");
    assertRejected(bytes("  \n "), RejectionCode.NOT_JSON, "not valid JSON: empty input");
  }

  @Test
  void notAnObject() {
    assertRejected(
        bytes("[1,2]"), RejectionCode.NOT_AN_OBJECT, "expected a JSON object, got an array");
    assertRejected(
        bytes("\"event\""), RejectionCode.NOT_AN_OBJECT, "expected a JSON object, got a string");
    assertRejected(bytes("null"), RejectionCode.NOT_AN_OBJECT, "expected a JSON object, got null");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "event_id",
        "event_type",
        "schema_version",
        "tenant_id",
        "entity_id",
        "event_time",
        "source",
        "correlation_id",
        "payload"
      })
  void missingRequiredField(String field) {
    ObjectNode node = wire();
    node.remove(field);

    assertRejected(bytes(node), RejectionCode.MISSING_FIELD, "missing field '" + field + "'");
  }

  @Test
  void nullRequiredField() {
    ObjectNode node = wire();
    node.putNull("tenant_id");

    assertRejected(bytes(node), RejectionCode.MISSING_FIELD, "field 'tenant_id' is null");
  }

  @Test
  void emptyField() {
    assertRejected(with("source", ""), RejectionCode.EMPTY_FIELD, "field 'source' is empty");
    assertRejected(
        with("tenant_id", " \t"), RejectionCode.EMPTY_FIELD, "field 'tenant_id' is blank");
    assertRejected(with("key", ""), RejectionCode.EMPTY_FIELD, "field 'key' is empty");
    assertRejected(
        with("causation_id", ""), RejectionCode.EMPTY_FIELD, "field 'causation_id' is empty");
  }

  @Test
  void wrongType() {
    ObjectNode node = wire();
    node.put("tenant_id", 42);
    assertRejected(
        bytes(node), RejectionCode.WRONG_TYPE, "field 'tenant_id' must be a string, got a number");

    node = wire();
    node.put("schema_version", "2");
    assertRejected(
        bytes(node),
        RejectionCode.WRONG_TYPE,
        "field 'schema_version' must be an integer >= 1, got a string");

    node = wire();
    node.put("schema_version", 1.5);
    assertRejected(
        bytes(node),
        RejectionCode.WRONG_TYPE,
        "field 'schema_version' must be an integer >= 1, got a number");

    node = wire();
    node.put("schema_version", 0);
    assertRejected(
        bytes(node),
        RejectionCode.WRONG_TYPE,
        "field 'schema_version' must be an integer >= 1, got 0");

    node = wire();
    node.put("schema_version", 3_000_000_000L);
    assertRejected(
        bytes(node),
        RejectionCode.WRONG_TYPE,
        "field 'schema_version' must be an integer >= 1, got 3000000000");

    node = wire();
    node.put("event_time", 1714558530);
    assertRejected(
        bytes(node), RejectionCode.WRONG_TYPE, "field 'event_time' must be a string, got a number");

    node = wire();
    node.put("payload", "{\"amount\": 12}");
    assertRejected(
        bytes(node), RejectionCode.WRONG_TYPE, "field 'payload' must be an object, got a string");

    node = wire();
    node.putArray("payload").add(1);
    assertRejected(
        bytes(node), RejectionCode.WRONG_TYPE, "field 'payload' must be an object, got an array");
  }

  @Test
  void anUnknownTopLevelFieldIsIgnoredAndNamedNotRejected() {
    DecodeResult.Valid plain = (DecodeResult.Valid) codec.decode(bytes(wire()));
    ObjectNode node = wire();
    node.put("trace_id", "4bf92f3577b34da6");
    node.putObject("extensions").put("region", "eu");

    DecodeResult result = codec.decode(bytes(node));

    assertThat(result).isEqualTo(new DecodeResult.Valid(plain.envelope(), List.of("trace_id", "extensions")));
    assertThat(plain.ignoredFields()).isEmpty();
  }

  @Test
  void aMisspeltRequiredFieldStillFailsAsMissing() {
    ObjectNode node = wire();
    node.set("tenantid", node.remove("tenant_id"));

    assertRejected(bytes(node), RejectionCode.MISSING_FIELD, "missing field 'tenant_id'");
  }

  @Test
  void ignoredFieldNamesAreFewAndShort() {
    ObjectNode node = wire();
    for (int i = 0; i < 20; i++) {
      node.put("x" + i, i);
    }
    node.put("y".repeat(300), 1);

    DecodeResult.Valid result = (DecodeResult.Valid) codec.decode(bytes(node));

    assertThat(result.ignoredFields()).hasSize(EnvelopeReader.MAX_IGNORED_LISTED).startsWith("x0", "x1");
    ObjectNode longName = wire();
    longName.put("y".repeat(300), 1);
    assertThat(((DecodeResult.Valid) codec.decode(bytes(longName))).ignoredFields()).containsExactly("y".repeat(64) + "...");
  }

  @Test
  void badTimestamp() {
    assertRejected(
        with("event_time", "yesterday"),
        RejectionCode.BAD_TIMESTAMP,
        "field 'event_time' is not an RFC 3339 timestamp: \"yesterday\"");
    assertRejected(
        with("ingest_time", "2024-05-01 10:00"),
        RejectionCode.BAD_TIMESTAMP,
        "field 'ingest_time' is not an RFC 3339 timestamp: \"2024-05-01 10:00\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-05-01", "2024-05-01T10:15:30", "2024-05-01T10:15Z", "2024-05-01T10:15:30+0200",
        "2024-05-01T10:15:30+02", "2024-05-01T10:15:30+02:00:00", "2024-02-30T10:15:30Z",
            "2024-05-01T24:00:00Z",
        "2024-05-01T10:15:60Z", "+12024-05-01T10:15:30Z", "2024-05-01T10:15:30.1234567891Z",
            "1714558530",
        "0000-01-01T00:00:00+01:00", " 2024-05-01T10:15:30Z", ""
      })
  void rejectsTimestampsOutsideRfc3339(String value) {
    assertRejected(
        with("event_time", value),
        RejectionCode.BAD_TIMESTAMP,
        "field 'event_time' is not an RFC 3339 timestamp: \"" + value + "\"");
  }

  @Test
  void longValuesAreCutInMessages() {
    String value = "x".repeat(100);

    assertRejected(
        with("event_time", value),
        RejectionCode.BAD_TIMESTAMP,
        "field 'event_time' is not an RFC 3339 timestamp: \"" + "x".repeat(64) + "...\"");
  }

  private static byte[] with(String field, String value) {
    ObjectNode node = wire();
    node.put(field, value);
    return bytes(node);
  }

  private void assertRejected(byte[] input, RejectionCode code, String message) {
    assertThat(codec.decode(input))
        .isEqualTo(new DecodeResult.Invalid(new Rejection(code, message)));
  }
}
