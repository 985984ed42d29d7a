package io.strata.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serial;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;

/**
 * order.placed v1 -> v2: payload {@code amount} (a number, in currency units) becomes {@code
 * amount_cents} (an integer, amount * 100 rounded half up) in the same position, and {@code
 * "currency":"EUR"} is added when absent.
 */
final class OrderPlacedV1ToV2Upcaster implements Upcaster {

  @Serial private static final long serialVersionUID = 1L;

  // Same number handling as the codec, so amounts are read exactly; ObjectMapper is thread-safe.
  private static final ObjectMapper MAPPER = EnvelopeCodec.newObjectMapper();
  private static final int MAX_INTEGER_DIGITS = 30;

  @Override
  public EventEnvelope upcast(EventEnvelope from) {
    JsonNode payload;
    try {
      payload = MAPPER.readTree(from.payload());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("payload is not valid JSON");
    }
    if (payload == null || !payload.isObject()) {
      throw new IllegalArgumentException("payload is not a JSON object");
    }
    JsonNode amount = payload.get("amount");
    if (amount == null) {
      throw new IllegalArgumentException("payload has no field 'amount'");
    }
    if (!amount.isNumber()) {
      throw new IllegalArgumentException("payload field 'amount' is not a number");
    }
    if (payload.has("amount_cents")) {
      throw new IllegalArgumentException("payload already has a field 'amount_cents'");
    }
    BigDecimal units = amount.decimalValue();
    // Bounds the work: "1e999999999" is a short number whose cents would have a billion digits.
    if (units.precision() - units.scale() > MAX_INTEGER_DIGITS) {
      throw new IllegalArgumentException(
          "payload field 'amount' has more than " + MAX_INTEGER_DIGITS + " integer digits");
    }
    BigInteger cents =
        units.movePointRight(2).setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
    ObjectNode upcast = MAPPER.createObjectNode();
    for (Map.Entry<String, JsonNode> field : payload.properties()) {
      if (field.getKey().equals("amount")) {
        upcast.put("amount_cents", cents);
      } else {
        upcast.set(field.getKey(), field.getValue());
      }
    }
    if (!upcast.has("currency")) {
      upcast.put("currency", "EUR");
    }
    try {
      return from.upcastTo(2, MAPPER.writeValueAsString(upcast));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the upcast payload", e);
    }
  }
}
