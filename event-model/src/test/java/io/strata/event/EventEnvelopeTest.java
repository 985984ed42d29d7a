package io.strata.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventEnvelopeTest {

  private static final Instant EVENT_TIME = Instant.parse("2024-05-01T10:00:00Z");

  private static EventEnvelope envelope() {
    return new EventEnvelope(
        "e",
        "page.viewed",
        1,
        "t",
        "x",
        EVENT_TIME,
        null,
        "s",
        "c",
        null,
        "x",
        "{\"secret\":\"hunter2\"}");
  }

  @Test
  void optionalFieldsMayBeNull() {
    EventEnvelope envelope = envelope();

    assertThat(envelope.ingestTime()).isNull();
    assertThat(envelope.causationId()).isNull();
  }

  @Test
  void requiresTheAlwaysPresentFields() {
    assertThatThrownBy(
            () ->
                new EventEnvelope(
                    null, "t", 1, "t", "x", EVENT_TIME, null, "s", "c", null, "x", "{}"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("eventId is null");
    assertThatThrownBy(
            () -> new EventEnvelope("e", "t", 1, "t", "x", null, null, "s", "c", null, "x", "{}"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("eventTime is null");
    assertThatThrownBy(
            () ->
                new EventEnvelope(
                    "e", "t", 1, "t", "x", EVENT_TIME, null, "s", "c", null, null, "{}"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("key is null");
    assertThatThrownBy(
            () ->
                new EventEnvelope(
                    "e", "t", 1, "t", "x", EVENT_TIME, null, "s", "c", null, "x", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("payload is null");
    assertThatThrownBy(
            () ->
                new EventEnvelope(
                    "e", "t", 0, "t", "x", EVENT_TIME, null, "s", "c", null, "x", "{}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("schemaVersion must be >= 1, got 0");
  }

  @Test
  void withIngestTimeReturnsAStampedCopy() {
    EventEnvelope original = envelope();
    Instant ingest = Instant.parse("2024-05-01T10:00:02Z");

    EventEnvelope stamped = original.withIngestTime(ingest);

    assertThat(stamped.ingestTime()).isEqualTo(ingest);
    assertThat(original.ingestTime()).isNull();
    assertThat(stamped).usingRecursiveComparison().ignoringFields("ingestTime").isEqualTo(original);
  }

  @Test
  void toStringLeavesThePayloadOut() {
    assertThat(envelope().toString()).doesNotContain("hunter2").contains("payload=<20 chars>");
  }

  @Test
  void survivesJavaSerialization() {
    EventEnvelope envelope = envelope().withIngestTime(Instant.parse("2024-05-01T10:00:02Z"));

    assertThat(TestingEvents.javaRoundTrip(envelope)).isEqualTo(envelope);
  }
}
