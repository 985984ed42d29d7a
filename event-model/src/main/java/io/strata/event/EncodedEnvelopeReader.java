package io.strata.event;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;

/**
 * Reads an envelope that {@link EnvelopeCodec#encode} wrote, in one pass over the tokens and without
 * building a tree: the payload is taken as the bytes between its braces, which {@code encode} wrote
 * compact, so it equals what {@link EnvelopeCodec#decode} would give. The one exception is a payload
 * with a backslash-u escape: the byte writer escapes characters outside the BMP that the string
 * writer does not, so such a payload is parsed and written again as {@code decode} does. It checks
 * the shape, not the content rules: input that {@code encode} did not write is an error, not a
 * rejection.
 */
final class EncodedEnvelopeReader {
  private final ObjectMapper mapper;

  EncodedEnvelopeReader(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  EventEnvelope read(byte[] bytes) throws IOException {
    try {
      return parse(bytes);
    } catch (JsonProcessingException e) {
      // Location only: Jackson's own message quotes the input, which may be payload.
      JsonLocation at = e.getLocation();
      throw new IOException(
          at == null ? "not valid JSON" : "not valid JSON at byte " + at.getByteOffset(), null);
    }
  }

  private EventEnvelope parse(byte[] bytes) throws IOException {
    String eventId = null;
    String eventType = null;
    int schemaVersion = 0;
    int originalSchemaVersion = 0;
    String tenantId = null;
    String entityId = null;
    Instant eventTime = null;
    Instant ingestTime = null;
    String source = null;
    String correlationId = null;
    String causationId = null;
    String key = null;
    String payload = null;
    try (JsonParser parser = mapper.getFactory().createParser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "event_id" -> eventId = text(parser, field);
          case "event_type" -> eventType = text(parser, field);
          case "schema_version" -> {
            if (value != JsonToken.VALUE_NUMBER_INT) {
              throw new IOException("field 'schema_version' is not an integer");
            }
            schemaVersion = parser.getIntValue();
          }
          case "original_schema_version" -> {
            if (value != JsonToken.VALUE_NUMBER_INT) {
              throw new IOException("field 'original_schema_version' is not an integer");
            }
            originalSchemaVersion = parser.getIntValue();
          }
          case "tenant_id" -> tenantId = text(parser, field);
          case "entity_id" -> entityId = text(parser, field);
          case "event_time" -> eventTime = instant(parser, field);
          case "ingest_time" -> ingestTime = instant(parser, field);
          case "source" -> source = text(parser, field);
          case "correlation_id" -> correlationId = text(parser, field);
          case "causation_id" -> causationId = text(parser, field);
          case "key" -> key = text(parser, field);
          case "payload" -> {
            if (value != JsonToken.START_OBJECT) {
              throw new IOException("field 'payload' is not an object");
            }
            int start = (int) parser.currentTokenLocation().getByteOffset();
            parser.skipChildren();
            int end = (int) parser.currentLocation().getByteOffset();
            payload = payload(bytes, start, end);
          }
          default -> throw new IOException("unknown field '" + field + "'");
        }
      }
      if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
        throw new IOException("data after the envelope");
      }
    }
    try {
      return new EventEnvelope(
          eventId, eventType, schemaVersion, tenantId, entityId, eventTime, ingestTime, source,
          correlationId, causationId, key == null ? entityId : key, payload,
          originalSchemaVersion == 0 ? schemaVersion : originalSchemaVersion);
    } catch (NullPointerException | IllegalArgumentException e) {
      throw new IOException("not a complete envelope: " + e.getMessage(), e);
    }
  }

  private String payload(byte[] bytes, int start, int end) throws IOException {
    for (int i = start; i < end - 1; i++) {
      if (bytes[i] == '\\' && bytes[i + 1] == 'u') {
        return mapper.writeValueAsString(mapper.readTree(bytes, start, end - start));
      }
    }
    return new String(bytes, start, end - start, UTF_8);
  }

  private static String text(JsonParser parser, String field) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      throw new IOException("field '" + field + "' is not a string");
    }
    return parser.getText();
  }

  private static Instant instant(JsonParser parser, String field) throws IOException {
    String text = text(parser, field);
    Instant instant = UtcTimestamps.parse(text);
    if (instant == null) {
      throw new IOException("field '" + field + "' is not a UTC timestamp as encode writes it: " + text);
    }
    return instant;
  }
}
