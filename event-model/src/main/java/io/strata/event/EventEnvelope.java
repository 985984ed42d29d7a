package io.strata.event;

import static java.util.Objects.requireNonNull;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;

/**
 * One event as it travels through Strata. {@code payload} is the payload JSON object in compact
 * form, kept as a String so the record stays trivially serializable.
 *
 * @param ingestTime null until the ingest job stamps it
 * @param causationId optional, may be null
 * @param key the routing key; the codec defaults it to {@code entityId} when absent on the wire
 * @param originalSchemaVersion the schema version the event was sent as: {@code schemaVersion} until
 *     an upcast moves the event to a later version, and kept through every upcast after it
 */
public record EventEnvelope(
    String eventId,
    String eventType,
    int schemaVersion,
    String tenantId,
    String entityId,
    Instant eventTime,
    Instant ingestTime,
    String source,
    String correlationId,
    String causationId,
    String key,
    String payload,
    int originalSchemaVersion)
    implements Serializable {

  @Serial private static final long serialVersionUID = 1L;

  public EventEnvelope {
    requireNonNull(eventId, "eventId is null");
    requireNonNull(eventType, "eventType is null");
    requireNonNull(tenantId, "tenantId is null");
    requireNonNull(entityId, "entityId is null");
    requireNonNull(eventTime, "eventTime is null");
    requireNonNull(source, "source is null");
    requireNonNull(correlationId, "correlationId is null");
    requireNonNull(key, "key is null");
    requireNonNull(payload, "payload is null");
    if (schemaVersion < 1) {
      throw new IllegalArgumentException("schemaVersion must be >= 1, got " + schemaVersion);
    }
    if (originalSchemaVersion < 1 || originalSchemaVersion > schemaVersion) {
      throw new IllegalArgumentException(
          "originalSchemaVersion must be between 1 and schemaVersion " + schemaVersion + ", got " + originalSchemaVersion);
    }
  }

  /** An event as it was sent: its original schema version is its schema version. */
  public EventEnvelope(
      String eventId,
      String eventType,
      int schemaVersion,
      String tenantId,
      String entityId,
      Instant eventTime,
      Instant ingestTime,
      String source,
      String correlationId,
      String causationId,
      String key,
      String payload) {
    this(eventId, eventType, schemaVersion, tenantId, entityId, eventTime, ingestTime, source, correlationId,
        causationId, key, payload, schemaVersion);
  }

  /** A copy stamped with the given ingest time. */
  public EventEnvelope withIngestTime(Instant ingestTime) {
    requireNonNull(ingestTime, "ingestTime is null");
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
        key,
        payload,
        originalSchemaVersion);
  }

  /**
   * A copy at another schema version with a rewritten payload; what an {@link Upcaster} returns. The
   * original schema version stays.
   */
  public EventEnvelope upcastTo(int schemaVersion, String payload) {
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
        key,
        payload,
        Math.min(originalSchemaVersion, schemaVersion));
  }

  /** Leaves the payload out: envelopes end up in logs, payloads must not. */
  @Override
  public String toString() {
    return ("EventEnvelope[eventId=%s, eventType=%s, schemaVersion=%d, tenantId=%s, entityId=%s,"
            + " eventTime=%s, ingestTime=%s, source=%s, correlationId=%s, causationId=%s, key=%s,"
            + " payload=<%d chars>, originalSchemaVersion=%d]")
        .formatted(
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
            key,
            payload.length(),
            originalSchemaVersion);
  }
}
