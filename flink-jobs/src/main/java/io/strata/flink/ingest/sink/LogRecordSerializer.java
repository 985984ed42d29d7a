package io.strata.flink.ingest.sink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.strata.event.EnvelopeCodec;
import io.strata.event.EventEnvelope;
import java.util.Optional;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes an accepted event to the hot log keyed by {@code tenant_id/entity_id}: Kafka's key hash puts
 * every event of an entity in one partition, which keeps their order.
 */
public final class LogRecordSerializer implements KafkaRecordSerializationSchema<EventEnvelope>, KafkaDatasetFacetProvider {
  private final String topic;
  private transient EnvelopeCodec codec;

  public LogRecordSerializer(String topic) {
    this.topic = requireNonNull(topic, "topic is null");
  }

  public static byte[] entityKey(EventEnvelope envelope) {
    return (envelope.tenantId() + "/" + envelope.entityId()).getBytes(UTF_8);
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      EventEnvelope envelope, KafkaSinkContext context, Long timestamp) {
    if (codec == null) {
      codec = new EnvelopeCodec();
    }
    return new ProducerRecord<>(topic, null, timestamp, entityKey(envelope), codec.encode(envelope));
  }

  @Override
  public Optional<KafkaDatasetFacet> getKafkaDatasetFacet() {
    return SingleTopicFacet.of(topic);
  }
}
