package io.strata.flink.ingest.sink;

import java.util.List;
import java.util.Optional;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetIdentifier;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;

/**
 * The one topic a serializer writes to, as the Kafka sink asks for it: its pooled transactional ids
 * ({@code TransactionNamingStrategy.POOLING}) list the open transactions on the target topics at restore.
 */
final class SingleTopicFacet {
  private SingleTopicFacet() {}

  static Optional<KafkaDatasetFacet> of(String topic) {
    return Optional.of(new DefaultKafkaDatasetFacet(DefaultKafkaDatasetIdentifier.ofTopics(List.of(topic))));
  }
}
