package io.strata.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Wire messages and serialization round trips shared by the tests of this package. */
final class TestingEvents {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private TestingEvents() {}

  /**
   * A valid order.placed v2 message in canonical form (UTC instants, every field, compact payload).
   */
  static ObjectNode wire() {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("event_id", "evt-1");
    node.put("event_type", "order.placed");
    node.put("schema_version", 2);
    node.put("tenant_id", "acme");
    node.put("entity_id", "order-42");
    node.put("event_time", "2024-05-01T10:15:30.123Z");
    node.put("source", "checkout-service");
    node.put("correlation_id", "corr-7");
    node.put("causation_id", "cmd-3");
    node.put("key", "order-42");
    ObjectNode payload = node.putObject("payload");
    payload.put("order_id", "order-42");
    payload.put("amount_cents", 1234);
    payload.put("currency", "EUR");
    return node;
  }

  /** {@code node} on the wire with {@code payloadJson} spliced in verbatim as its payload. */
  static byte[] withRawPayload(ObjectNode node, String payloadJson) {
    ObjectNode head = node.deepCopy();
    head.remove("payload");
    String json = new String(bytes(head), StandardCharsets.UTF_8);
    return bytes(json.substring(0, json.length() - 1) + ",\"payload\":" + payloadJson + "}");
  }

  static byte[] bytes(ObjectNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  static <T> T javaRoundTrip(T value) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
        objects.writeObject(value);
      }
      try (ObjectInputStream in =
          new ObjectInputStream(new ByteArrayInputStream(out.toByteArray()))) {
        return (T) in.readObject();
      }
    } catch (IOException | ClassNotFoundException e) {
      throw new AssertionError("Java serialization round trip failed", e);
    }
  }
}
