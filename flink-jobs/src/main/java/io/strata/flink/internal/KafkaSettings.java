package io.strata.flink.internal;

import io.strata.event.RecordLimits;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The Kafka client settings every Strata job shares. */
public final class KafkaSettings {
  /** Kafka's default broker maximum; a transaction must outlive a checkpoint plus a restart. */
  private static final String TRANSACTION_TIMEOUT_MS = "900000";

  private KafkaSettings() {}

  /**
   * A source that reads only committed records and, without a checkpoint to restore, starts from the
   * group's committed offsets (or the earliest record for a new group) so a fresh start re-reads nothing.
   */
  @SuppressWarnings("deprecation")
  public static <T> KafkaSourceBuilder<T> committedSource(String bootstrap, String topic, String groupId) {
    return KafkaSource.<T>builder()
        .setBootstrapServers(bootstrap)
        .setTopics(topic)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setProperty("isolation.level", "read_committed")
        .setProperty("commit.offsets.on.checkpoint", "true");
  }

  /** A transactional sink: records become visible when the checkpoint that covers them completes. */
  public static <T> KafkaSinkBuilder<T> exactlyOnceSink(String bootstrap, String transactionalIdPrefix) {
    return KafkaSink.<T>builder()
        .setBootstrapServers(bootstrap)
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(transactionalIdPrefix)
        // Reuse a small pool of transactional ids instead of a new one per checkpoint: the broker keeps
        // every id it has seen for transactional.id.expiration.ms (7 days), which at a 10 s interval
        // and two sinks was 120,000 ids of coordinator state after a week of uptime.
        .setTransactionNamingStrategy(TransactionNamingStrategy.POOLING)
        .setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS)
        .setProperty("enable.idempotence", "true")
        // A hot-log record or a dead letter of the largest raw record (RecordLimits).
        .setProperty("max.request.size", Integer.toString(RecordLimits.MAX_RECORD_BYTES));
  }
}
