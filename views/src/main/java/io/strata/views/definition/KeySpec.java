package io.strata.views.definition;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.event.EventEnvelope;
import java.io.Serial;
import java.io.Serializable;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * What a projection's views are keyed by, always within the event's tenant (the tenant is never part
 * of the key a reader gives: it comes from the reader's token).
 *
 * <ul>
 *   <li>{@code entity}: the event's {@code entity_id};
 *   <li>{@code field:<name>}: a top-level payload field (text or number); events without it are skipped;
 *   <li>{@code event-type-minute}: the event type and the minute of its event time, as
 *       {@code order.placed/2026-12-01T10:15Z}.
 * </ul>
 */
public record KeySpec(Kind kind, String field) implements Serializable {
  @Serial private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

  public enum Kind {
    ENTITY,
    FIELD,
    EVENT_TYPE_MINUTE
  }

  public KeySpec {
    requireNonNull(kind, "kind is null");
    if ((kind == Kind.FIELD) != (field != null)) {
      throw new IllegalArgumentException("a field key needs a field name, the other kinds none");
    }
  }

  /** Reads {@code entity}, {@code field:<name>} or {@code event-type-minute}. */
  static KeySpec parse(String text, String file) {
    if (text.equals("entity")) {
      return new KeySpec(Kind.ENTITY, null);
    }
    if (text.equals("event-type-minute")) {
      return new KeySpec(Kind.EVENT_TYPE_MINUTE, null);
    }
    if (text.startsWith("field:") && text.substring(6).matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
      return new KeySpec(Kind.FIELD, text.substring(6));
    }
    throw new DefinitionException(file, "key",
        "must be entity, field:<payload field> or event-type-minute, got '" + text + "'");
  }

  /** The view key an event goes to, empty when it has none (a field key and no such field). */
  public Optional<String> of(EventEnvelope event, JsonNode payload) {
    return switch (kind) {
      case ENTITY -> Optional.of(event.entityId());
      case EVENT_TYPE_MINUTE -> Optional.of(event.eventType() + "/" + minute(event.eventTime().toEpochMilli()));
      case FIELD -> {
        JsonNode value = payload.get(field);
        yield value != null && (value.isTextual() || value.isNumber()) && !value.asText().isEmpty()
            ? Optional.of(value.asText())
            : Optional.empty();
      }
    };
  }

  /** {@code 2026-12-01T10:15Z}: the minute an instant falls in. */
  public static String minute(long epochMillis) {
    return MINUTE.format(java.time.Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.MINUTES));
  }

  @Override
  public String toString() {
    return switch (kind) {
      case ENTITY -> "entity";
      case EVENT_TYPE_MINUTE -> "event-type-minute";
      case FIELD -> "field:" + field;
    };
  }
}
