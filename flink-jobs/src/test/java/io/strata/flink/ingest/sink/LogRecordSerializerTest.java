package io.strata.flink.ingest.sink;

import static io.strata.flink.TestingEvents.orderPlaced;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.event.DecodeResult;
import io.strata.event.EnvelopeCodec;
import io.strata.event.EventEnvelope;
import io.strata.flink.TestingEvents;
import org.apache.flink.util.InstantiationUtil;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class LogRecordSerializerTest {
  private final LogRecordSerializer serializer = new LogRecordSerializer("events.log");

  @Test
  void keyIsTenantSlashEntity() {
    EventEnvelope event =
        orderPlaced("acme", "order-1", "evt-1").withIngestTime(TestingEvents.INGEST_TIME);

    ProducerRecord<byte[], byte[]> record =
        serializer.serialize(event, new TestingKafkaSinkContext(), 1_700_000_000_000L);

    assertThat(record.topic()).isEqualTo("events.log");
    assertThat(record.partition()).isNull();
    assertThat(record.timestamp()).isEqualTo(1_700_000_000_000L);
    assertThat(new String(record.key(), UTF_8)).isEqualTo("acme/order-1");
    assertThat(record.headers().toArray()).isEmpty();
  }

  @Test
  void valueDecodesToTheSameEnvelopeIncludingIngestTime() {
    EventEnvelope event =
        orderPlaced("acme", "order-1", "evt-1").withIngestTime(TestingEvents.INGEST_TIME);

    ProducerRecord<byte[], byte[]> record =
        serializer.serialize(event, new TestingKafkaSinkContext(), null);

    assertThat(new EnvelopeCodec().decode(record.value())).isEqualTo(new DecodeResult.Valid(event));
  }

  @Test
  void causationIdSurvivesTheRoundTrip() {
    EventEnvelope base = orderPlaced("acme", "order-1", "evt-2");
    EventEnvelope event =
        new EventEnvelope(
            base.eventId(),
            base.eventType(),
            base.schemaVersion(),
            base.tenantId(),
            base.entityId(),
            base.eventTime(),
            TestingEvents.INGEST_TIME,
            base.source(),
            base.correlationId(),
            "evt-1",
            "custom-routing-key",
            base.payload());

    ProducerRecord<byte[], byte[]> record =
        serializer.serialize(event, new TestingKafkaSinkContext(), null);

    assertThat(new EnvelopeCodec().decode(record.value())).isEqualTo(new DecodeResult.Valid(event));
    // The Kafka key is the entity, whatever the envelope's own routing key says.
    assertThat(new String(record.key(), UTF_8)).isEqualTo("acme/order-1");
  }

  @Test
  void worksAfterJavaSerialization() throws Exception {
    // Used once first, so the copy is taken with its codec already created.
    serializer.serialize(
        orderPlaced("acme", "order-1", "evt-0").withIngestTime(TestingEvents.INGEST_TIME),
        new TestingKafkaSinkContext(),
        null);
    LogRecordSerializer copy = InstantiationUtil.clone(serializer);
    EventEnvelope event =
        orderPlaced("acme", "order-1", "evt-1").withIngestTime(TestingEvents.INGEST_TIME);

    ProducerRecord<byte[], byte[]> record =
        copy.serialize(event, new TestingKafkaSinkContext(), null);

    assertThat(new EnvelopeCodec().decode(record.value())).isEqualTo(new DecodeResult.Valid(event));
  }
}
