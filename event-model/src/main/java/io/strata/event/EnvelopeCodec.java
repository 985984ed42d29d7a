package io.strata.event;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * Reads and writes the snake_case JSON wire form of {@link EventEnvelope}. Thread-safe; decoding
 * never throws on bad input but returns {@link DecodeResult.Invalid} with a reason that names the
 * field.
 */
public final class EnvelopeCodec implements Serializable {

  @Serial private static final long serialVersionUID = 1L;

  private final transient ObjectMapper mapper;
  private final transient EnvelopeReader reader;
  private final transient EncodedEnvelopeReader encodedReader;

  public EnvelopeCodec() {
    this.mapper = newObjectMapper();
    this.reader = new EnvelopeReader(mapper);
    this.encodedReader = new EncodedEnvelopeReader(mapper);
  }

  /**
   * Numbers keep their exact text (BigDecimal, trailing zeros kept); duplicate keys and trailing
   * data fail.
   */
  static ObjectMapper newObjectMapper() {
    return JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .build();
  }

  public DecodeResult decode(byte[] bytes) {
    requireNonNull(bytes, "bytes is null");
    JsonNode root;
    try {
      root = mapper.readTree(bytes);
    } catch (JsonProcessingException e) {
      // Location only: Jackson's own message quotes the offending input, which may be payload.
      return invalid(RejectionCode.NOT_JSON, notJsonMessage(e.getLocation()));
    } catch (IOException e) {
      return invalid(RejectionCode.NOT_JSON, "not valid JSON");
    }
    if (root == null || root.isMissingNode()) {
      return invalid(RejectionCode.NOT_JSON, "not valid JSON: empty input");
    }
    if (!root.isObject()) {
      String got = EnvelopeReader.describe(root);
      return invalid(RejectionCode.NOT_AN_OBJECT, "expected a JSON object, got " + got);
    }
    try {
      ObjectNode object = (ObjectNode) root;
      return new DecodeResult.Valid(reader.read(object), EnvelopeReader.unknownFields(object));
    } catch (EnvelopeReader.RejectedException e) {
      return new DecodeResult.Invalid(e.rejection());
    }
  }

  /**
   * Reads back an envelope that {@link #encode} wrote, such as a hot-log record, with less work than
   * {@link #decode}: one pass over the tokens, no tree, no content checks (they held when it was
   * encoded). Gives the same envelope as {@code decode} for such input.
   *
   * @throws IOException if the bytes are not an envelope {@code encode} wrote
   */
  public EventEnvelope decodeEncoded(byte[] bytes) throws IOException {
    requireNonNull(bytes, "bytes is null");
    return encodedReader.read(bytes);
  }

  public byte[] encode(EventEnvelope envelope) {
    requireNonNull(envelope, "envelope is null");
    ObjectNode node = mapper.createObjectNode();
    node.put("event_id", envelope.eventId());
    node.put("event_type", envelope.eventType());
    node.put("schema_version", envelope.schemaVersion());
    node.put("tenant_id", envelope.tenantId());
    node.put("entity_id", envelope.entityId());
    node.put("event_time", envelope.eventTime().toString());
    if (envelope.ingestTime() != null) {
      node.put("ingest_time", envelope.ingestTime().toString());
    }
    node.put("source", envelope.source());
    node.put("correlation_id", envelope.correlationId());
    if (envelope.causationId() != null) {
      node.put("causation_id", envelope.causationId());
    }
    node.put("key", envelope.key());
    if (envelope.originalSchemaVersion() != envelope.schemaVersion()) {
      // Only upcast events carry it: what a producer sends never does (a producer's is ignored).
      node.put("original_schema_version", envelope.originalSchemaVersion());
    }
    node.set("payload", parsePayload(envelope));
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write event '" + envelope.eventId() + "'", e);
    }
  }

  private JsonNode parsePayload(EventEnvelope envelope) {
    JsonNode payload;
    try {
      payload = mapper.readTree(envelope.payload());
    } catch (JsonProcessingException e) {
      // No cause: its message would quote the payload.
      throw new IllegalArgumentException(
          "payload of event '" + envelope.eventId() + "' is not valid JSON");
    }
    if (payload == null || !payload.isObject()) {
      throw new IllegalArgumentException(
          "payload of event '" + envelope.eventId() + "' is not a JSON object");
    }
    return payload;
  }

  private static String notJsonMessage(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "not valid JSON";
    }
    return "not valid JSON at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static DecodeResult invalid(RejectionCode code, String message) {
    return new DecodeResult.Invalid(new Rejection(code, message));
  }

  @Serial
  private Object readResolve() {
    return new EnvelopeCodec();
  }
}
