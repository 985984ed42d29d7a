package io.strata.event;

import static io.strata.event.TestingEvents.bytes;
import static io.strata.event.TestingEvents.wire;
import static io.strata.event.TestingEvents.withRawPayload;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeCodecTest {

  private final EnvelopeCodec codec = new EnvelopeCodec();

  @Test
  void decodesEveryField() {
    ObjectNode node = wire();
    node.put("ingest_time", "2024-05-01T10:15:31Z");

    EventEnvelope envelope = valid(codec.decode(bytes(node)));

    assertThat(envelope)
        .isEqualTo(
            new EventEnvelope(
                "evt-1",
                "order.placed",
                2,
                "acme",
                "order-42",
                Instant.parse("2024-05-01T10:15:30.123Z"),
                Instant.parse("2024-05-01T10:15:31Z"),
                "checkout-service",
                "corr-7",
                "cmd-3",
                "order-42",
                "{\"order_id\":\"order-42\",\"amount_cents\":1234,\"currency\":\"EUR\"}"));
  }

  @Test
  void optionalFieldsMayBeAbsentOrNull() {
    ObjectNode node = wire();
    node.remove("key");
    node.remove("causation_id");
    node.putNull("ingest_time");

    EventEnvelope envelope = valid(codec.decode(bytes(node)));

    assertThat(envelope.key()).isEqualTo("order-42");
    assertThat(envelope.causationId()).isNull();
    assertThat(envelope.ingestTime()).isNull();
  }

  @Test
  void keyDefaultsToEntityIdOnlyWhenAbsent() {
    ObjectNode node = wire();
    node.put("entity_id", "order-43");
    node.remove("key");
    assertThat(valid(codec.decode(bytes(node))).key()).isEqualTo("order-43");

    node.put("key", "shard-9");
    assertThat(valid(codec.decode(bytes(node))).key()).isEqualTo("shard-9");
  }

  @Test
  void payloadIsStoredCompactWithExactNumbers() {
    String spaced =
        "{ \"price\" : 12.50 , \"big\": 1234567890123456789012.123, \"list\": [1, null] }";

    EventEnvelope envelope = valid(codec.decode(withRawPayload(wire(), spaced)));

    assertThat(envelope.payload())
        .isEqualTo("{\"price\":12.50,\"big\":1234567890123456789012.123,\"list\":[1,null]}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-05-01T12:15:30.123+02:00",
        "2024-05-01T08:15:30.123-02:00",
        "2024-05-01t10:15:30.123z",
        "2024-05-01T10:15:30.123000000Z",
        "2024-05-01T10:15:30.123-00:00"
      })
  void acceptsRfc3339WithAnyOffset(String eventTime) {
    ObjectNode node = wire();
    node.put("event_time", eventTime);

    assertThat(valid(codec.decode(bytes(node))).eventTime())
        .isEqualTo(Instant.parse("2024-05-01T10:15:30.123Z"));
  }

  @Test
  void roundTripsCanonicalInputByteForByte() {
    // The codec writes ingest_time right after event_time.
    ObjectNode canonical = TestingEvents.MAPPER.createObjectNode();
    for (Map.Entry<String, JsonNode> field : wire().properties()) {
      canonical.set(field.getKey(), field.getValue());
      if (field.getKey().equals("event_time")) {
        canonical.put("ingest_time", "2024-05-01T10:15:31.500Z");
      }
    }
    byte[] input = bytes(canonical);

    byte[] encoded = codec.encode(valid(codec.decode(input)));

    assertThat(new String(encoded, UTF_8)).isEqualTo(new String(input, UTF_8));
  }

  @Test
  void encodeThenDecodeKeepsEveryValue() {
    EventEnvelope original =
        new EventEnvelope(
            "e-\u00fc",
            "page.viewed",
            1,
            "t",
            "user-1",
            Instant.parse("2024-05-01T10:00:00.000000001Z"),
            null,
            "web",
            "c",
            null,
            "user-1",
            "{\"url\":\"/a?b=\\\"c\\\"\",\"ms\":1.0E+3,\"n\":{}}");

    EventEnvelope decoded = valid(codec.decode(codec.encode(original)));
    EventEnvelope stamped = original.withIngestTime(Instant.parse("2024-05-01T10:00:01Z"));

    assertThat(decoded).isEqualTo(original);
    assertThat(valid(codec.decode(codec.encode(stamped)))).isEqualTo(stamped);
  }

  @Test
  void anUpcastEventKeepsTheVersionItWasSentAsThroughTheHotLogsEncoding() throws Exception {
    EventEnvelope sent = new EventEnvelope("e-1", "order.placed", 1, "t", "o-1", Instant.parse("2024-05-01T10:00:00Z"),
        Instant.parse("2024-05-01T10:00:01Z"), "web", "c", null, "o-1", "{\"amount\":1}");
    EventEnvelope upcast = sent.upcastTo(2, "{\"amount_cents\":100}");
    assertThat(upcast.originalSchemaVersion()).isEqualTo(1);

    EventEnvelope back = codec.decodeEncoded(codec.encode(upcast));
    assertThat(back).isEqualTo(upcast);
    assertThat(new String(codec.encode(sent), java.nio.charset.StandardCharsets.UTF_8))
        .as("an event at the version it was sent as does not carry the field").doesNotContain("original_schema_version");
    assertThat(codec.decodeEncoded(codec.encode(sent)).originalSchemaVersion()).isEqualTo(1);
  }

  @Test
  void encodesPayloadAsObjectAndOmitsAbsentOptionals() throws IOException {
    EventEnvelope envelope =
        new EventEnvelope(
            "e",
            "page.viewed",
            1,
            "t",
            "x",
            Instant.parse("2024-05-01T10:00:00Z"),
            null,
            "s",
            "c",
            null,
            "x",
            "{\"a\":1}");

    JsonNode encoded = TestingEvents.MAPPER.readTree(codec.encode(envelope));

    assertThat(encoded.get("payload").isObject()).isTrue();
    assertThat(encoded.get("payload").get("a").intValue()).isEqualTo(1);
    assertThat(encoded.has("causation_id")).isFalse();
    assertThat(encoded.has("ingest_time")).isFalse();
    assertThat(encoded.get("event_time").textValue()).isEqualTo("2024-05-01T10:00:00Z");
    assertThat(encoded.get("key").textValue()).isEqualTo("x");
  }

  @Test
  void encodeRefusesAPayloadThatIsNotAnObject() {
    EventEnvelope envelope =
        new EventEnvelope(
            "e-1",
            "page.viewed",
            1,
            "t",
            "x",
            Instant.parse("2024-05-01T10:00:00Z"),
            null,
            "s",
            "c",
            null,
            "x",
            "[1]");

    assertThatThrownBy(() -> codec.encode(envelope))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("payload of event 'e-1' is not a JSON object");
    assertThatThrownBy(() -> codec.encode(envelope.upcastTo(1, "{\"secret\": nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("payload of event 'e-1' is not valid JSON");
  }

  @Test
  void worksAfterJavaSerialization() {
    EnvelopeCodec copy = TestingEvents.javaRoundTrip(codec);

    assertThat(valid(copy.decode(bytes(wire())))).isEqualTo(valid(codec.decode(bytes(wire()))));
  }

  static EventEnvelope valid(DecodeResult result) {
    assertThat(result).isInstanceOf(DecodeResult.Valid.class);
    return ((DecodeResult.Valid) result).envelope();
  }
}
