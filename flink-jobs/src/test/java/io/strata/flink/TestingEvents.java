package io.strata.flink;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.strata.event.EnvelopeValidator;
import io.strata.event.EventEnvelope;
import io.strata.event.StrataEventTypes;
import io.strata.event.ValidationConfig;
import io.strata.schemas.CatalogRelease;
import io.strata.schemas.SchemaFiles;
import java.nio.file.Path;
import java.time.Instant;

/** Envelopes and wire messages shared by the flink-jobs tests. */
public final class TestingEvents {
  public static final Instant EVENT_TIME = Instant.parse("2025-03-01T10:15:30.123456Z");
  public static final Instant INGEST_TIME = Instant.parse("2025-03-01T10:15:31.5Z");

  private TestingEvents() {}

  /** The validator the ingest job builds from its default settings. */
  public static EnvelopeValidator defaultValidator() {
    return new EnvelopeValidator(ValidationConfig.defaults(), StrataEventTypes.defaults());
  }

  /** The event types shipped in {@code schemas/}, as release 1. */
  public static CatalogRelease shippedRelease() {
    return new CatalogRelease(1, SchemaFiles.load(Path.of("../schemas")), Instant.parse("2026-12-01T00:00:00Z"));
  }

  /** An order.placed v2 envelope as it leaves validation: not yet stamped with an ingest time. */
  public static EventEnvelope orderPlaced(String tenantId, String entityId, String eventId) {
    return new EventEnvelope(
        eventId,
        StrataEventTypes.ORDER_PLACED,
        2,
        tenantId,
        entityId,
        EVENT_TIME,
        null,
        "checkout-service",
        "corr-" + eventId,
        null,
        entityId,
        "{\"order_id\":\"" + entityId + "\",\"amount_cents\":1250,\"currency\":\"EUR\"}");
  }

  public static byte[] utf8(String text) {
    return text.getBytes(UTF_8);
  }
}
