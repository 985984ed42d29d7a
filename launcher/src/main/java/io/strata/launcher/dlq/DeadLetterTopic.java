package io.strata.launcher.dlq;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the dead-letter topic and the replay ledger, read_committed (the ingest job writes dead letters in
 * transactions; a replay writes the ledger in the transaction of its records).
 */
public final class DeadLetterTopic {
  private final String bootstrap;

  public DeadLetterTopic(String bootstrap) {
    this.bootstrap = requireNonNull(bootstrap, "bootstrap is null");
  }

  /** Every committed record of {@code topic} from its start to its end now, in partition order; returns how many. */
  long scan(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each, LongConsumer progress) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 << 20,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long read = 0;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
            each.accept(r);
            progress.accept(++read);
          }
        }
      }
      return read;
    }
  }

  /** The records of the dead-letter topic {@code topic}. */
  public long deadLetters(String topic, Consumer<DeadLetterRecord> each, LongConsumer progress) {
    return scan(topic, r -> each.accept(DeadLetterRecord.of(r)), progress);
  }

  /** The dead letters already replayed: their ids ({@link DeadLetterRecord#id()}) in the ledger topic. */
  public Set<String> replayed(String ledgerTopic) {
    Set<String> ids = new HashSet<>();
    scan(ledgerTopic, r -> {
      if (r.key() != null) {
        ids.add(new String(r.key(), UTF_8));
      }
    }, n -> {});
    return ids;
  }

  /** The number of records in {@code topic} now (end minus start of each partition). */
  public long size(String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      return partitions.stream().mapToLong(p -> end.get(p) - start.get(p)).sum();
    }
  }
}
