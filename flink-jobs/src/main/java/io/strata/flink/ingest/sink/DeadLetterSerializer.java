package io.strata.flink.ingest.sink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Writes a dead letter with the original bytes as key and value and the reason in headers. */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter>, KafkaDatasetFacetProvider {
  public static final String REASON_CODE = "strata.reason.code";
  public static final String REASON = "strata.reason";
  public static final String SOURCE_TOPIC = "strata.source.topic";
  public static final String SOURCE_PARTITION = "strata.source.partition";
  public static final String SOURCE_OFFSET = "strata.source.offset";

  private final String topic;

  public DeadLetterSerializer(String topic) {
    this.topic = requireNonNull(topic, "topic is null");
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      DeadLetter letter, KafkaSinkContext context, Long timestamp) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(REASON_CODE, letter.reasonCode().getBytes(UTF_8));
    headers.add(REASON, letter.reason().getBytes(UTF_8));
    headers.add(SOURCE_TOPIC, letter.sourceTopic().getBytes(UTF_8));
    headers.add(SOURCE_PARTITION, Integer.toString(letter.sourcePartition()).getBytes(UTF_8));
    headers.add(SOURCE_OFFSET, Long.toString(letter.sourceOffset()).getBytes(UTF_8));
    return new ProducerRecord<>(topic, null, timestamp, letter.key(), letter.value(), headers);
  }

  @Override
  public Optional<KafkaDatasetFacet> getKafkaDatasetFacet() {
    return SingleTopicFacet.of(topic);
  }
}
