package io.strata.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a parsed wire object into an envelope, or throws {@link RejectedException} naming the bad
 * field.
 */
final class EnvelopeReader {

  private static final Set<String> WIRE_FIELDS =
      Set.of(
          "event_id",
          "event_type",
          "schema_version",
          "tenant_id",
          "entity_id",
          "event_time",
          "ingest_time",
          "source",
          "correlation_id",
          "causation_id",
          "key",
          "payload");

  // RFC 3339 5.6; java.time alone also takes missing seconds, "+0200" and 5-digit years.
  private static final Pattern RFC_3339 =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");
  // Bounds of a four-digit UTC year, so Instant.toString() on encode always decodes again.
  private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
  private static final int MAX_ECHOED_CHARS = 64;

  private final ObjectMapper mapper;

  EnvelopeReader(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The most unknown field names a result lists (a producer's extra fields are few). */
  static final int MAX_IGNORED_LISTED = 8;

  /**
   * The object's top-level fields that are not envelope fields, in order, at most {@link
   * #MAX_IGNORED_LISTED}, each cut to a readable length. They are not an error: a producer of a newer
   * envelope may add fields, and a reader of this one ignores them, as schema registries' forward
   * compatibility has it. A misspelt required field still fails, as missing.
   */
  static List<String> unknownFields(ObjectNode object) {
    // Every event passes here: no list unless there is something to put in it.
    List<String> unknown = List.of();
    for (Map.Entry<String, JsonNode> property : object.properties()) {
      String name = property.getKey();
      if (!WIRE_FIELDS.contains(name)) {
        if (unknown.isEmpty()) {
          unknown = new ArrayList<>();
        }
        if (unknown.size() < MAX_IGNORED_LISTED) {
          unknown.add(echo(name));
        }
      }
    }
    return unknown;
  }

  EventEnvelope read(ObjectNode object) {
    String eventId = requiredString(object, "event_id");
    String eventType = requiredString(object, "event_type");
    int schemaVersion = schemaVersion(object);
    String tenantId = requiredString(object, "tenant_id");
    String entityId = requiredString(object, "entity_id");
    Instant eventTime = timestamp(object, "event_time", true);
    Instant ingestTime = timestamp(object, "ingest_time", false);
    String source = requiredString(object, "source");
    String correlationId = requiredString(object, "correlation_id");
    String causationId = optionalString(object, "causation_id");
    String key = optionalString(object, "key");
    JsonNode payload = required(object, "payload");
    if (!payload.isObject()) {
      throw reject(
          RejectionCode.WRONG_TYPE, "field 'payload' must be an object, got " + describe(payload));
    }
    return new EventEnvelope(
        eventId,
        eventType,
        schemaVersion,
        tenantId,
        entityId,
        eventTime,
        ingestTime,
        source,
        correlationId,
        causationId,
        key == null ? entityId : key,
        compact(payload));
  }

  private static JsonNode required(ObjectNode object, String field) {
    JsonNode node = object.get(field);
    if (node == null) {
      throw reject(RejectionCode.MISSING_FIELD, "missing field '" + field + "'");
    }
    if (node.isNull()) {
      throw reject(RejectionCode.MISSING_FIELD, "field '" + field + "' is null");
    }
    return node;
  }

  private static String requiredString(ObjectNode object, String field) {
    return checkedString(required(object, field), field);
  }

  private static String optionalString(ObjectNode object, String field) {
    JsonNode node = object.get(field);
    return node == null || node.isNull() ? null : checkedString(node, field);
  }

  private static String checkedString(JsonNode node, String field) {
    if (!node.isTextual()) {
      throw reject(
          RejectionCode.WRONG_TYPE,
          "field '" + field + "' must be a string, got " + describe(node));
    }
    String value = node.textValue();
    if (value.isEmpty()) {
      throw reject(RejectionCode.EMPTY_FIELD, "field '" + field + "' is empty");
    }
    if (value.isBlank()) {
      throw reject(RejectionCode.EMPTY_FIELD, "field '" + field + "' is blank");
    }
    return value;
  }

  private static int schemaVersion(ObjectNode object) {
    JsonNode node = required(object, "schema_version");
    if (!node.isIntegralNumber()) {
      throw reject(
          RejectionCode.WRONG_TYPE,
          "field 'schema_version' must be an integer >= 1, got " + describe(node));
    }
    if (!node.canConvertToInt() || node.intValue() < 1) {
      throw reject(
          RejectionCode.WRONG_TYPE,
          "field 'schema_version' must be an integer >= 1, got " + echo(node.asText()));
    }
    return node.intValue();
  }

  private static Instant timestamp(ObjectNode object, String field, boolean required) {
    JsonNode node = required ? required(object, field) : object.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw reject(
          RejectionCode.WRONG_TYPE,
          "field '" + field + "' must be a string, got " + describe(node));
    }
    String text = node.textValue();
    Instant instant = UtcTimestamps.parse(text);
    if (instant == null && RFC_3339.matcher(text).matches()) {
      try {
        instant =
            OffsetDateTime.parse(
                    text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .toInstant();
      } catch (DateTimeParseException e) {
        instant = null;
      }
    }
    if (instant == null || instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw reject(
          RejectionCode.BAD_TIMESTAMP,
          "field '" + field + "' is not an RFC 3339 timestamp: \"" + echo(text) + "\"");
    }
    return instant;
  }

  private String compact(JsonNode payload) {
    try {
      return mapper.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write a parsed payload", e);
    }
  }

  static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  private static String echo(String text) {
    return text.length() <= MAX_ECHOED_CHARS ? text : text.substring(0, MAX_ECHOED_CHARS) + "...";
  }

  private static RejectedException reject(RejectionCode code, String message) {
    return new RejectedException(new Rejection(code, message));
  }

  /** Carries a rejection out of the field readers; no stack trace, it is control flow. */
  static final class RejectedException extends RuntimeException {
    @Serial private static final long serialVersionUID = 1L;

    private final Rejection rejection;

    RejectedException(Rejection rejection) {
      super(rejection.message(), null, false, false);
      this.rejection = rejection;
    }

    Rejection rejection() {
      return rejection;
    }
  }
}
