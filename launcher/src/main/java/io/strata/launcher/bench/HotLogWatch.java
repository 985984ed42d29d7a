package io.strata.launcher.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * When each probe became readable in the hot log: a read_committed consumer with the consumer defaults the
 * projections' jobs have, over every partition of the hot log from its end, noting the time it first
 * received a record whose key ({@code tenant/entity}) holds a probe's marker. This splits a probe's ingest
 * to view into the wait for the ingest job's transaction commit and the projection's own work.
 */
final class HotLogWatch implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private final Map<String, Long> readableAt = new ConcurrentHashMap<>();

  HotLogWatch(String bootstrap, String topic, String marker) {
    consumer =
        new KafkaConsumer<>(
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, "strata-freshness-hot-log-watch"),
            new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    thread = new Thread(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
            String key = r.key() == null ? "" : new String(r.key(), UTF_8);
            int slash = key.indexOf('/');
            if (key.contains(marker) && slash >= 0) {
              readableAt.putIfAbsent(key.substring(slash + 1), System.currentTimeMillis());
            }
          }
        }
      } catch (WakeupException stopped) {
        // close()
      } finally {
        consumer.close();
      }
    }, "strata-freshness-hot-log-watch");
    thread.setDaemon(true);
    thread.start();
  }

  /** When the probe's event was first received from the hot log, if it was. */
  Long readableAt(String entity) {
    return readableAt.get(entity);
  }

  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    thread.join(5_000);
  }
}
