package io.strata.launcher.schemas;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.strata.schemas.CatalogRelease;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema catalog's releases on their compacted topic (one partition, key {@code catalog}): the newest
 * is the running stack's catalog. {@code strata up} releases what its files hold when that changed, and
 * {@code strata schemas apply} releases a changed folder into a running stack.
 */
public final class SchemaReleases {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaReleases.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final String bootstrap;
  private final String topic;

  public SchemaReleases(String bootstrap, String topic) {
    this.bootstrap = requireNonNull(bootstrap, "bootstrap is null");
    this.topic = requireNonNull(topic, "topic is null");
  }

  /** The topic's settings when the stack creates it: compacted, one partition (one order of releases). */
  public static Map<String, String> topicConfig() {
    return Map.of("cleanup.policy", "compact", "max.message.bytes", Integer.toString(8 << 20));
  }

  /** The newest release on the topic, reading it to its end; empty when there is none. */
  public Optional<CatalogRelease> latest() {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      Optional<CatalogRelease> newest = Optional.empty();
      while (consumer.position(partition) < end) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          Optional<CatalogRelease> release = parse(record);
          if (release.isPresent() && (newest.isEmpty() || release.get().generation() > newest.get().generation())) {
            newest = release;
          }
        }
      }
      return newest;
    }
  }

  /** Writes a release and waits until the broker has it. */
  public void publish(CatalogRelease release) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 << 20,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
      producer.send(new ProducerRecord<>(topic, 0, CatalogRelease.KEY.getBytes(UTF_8), release.toJson().getBytes(UTF_8)))
          .get(30, TimeUnit.SECONDS);
    }
    LOG.info("schema catalog release {} published ({} event types, fingerprint {})",
        release.generation(), release.catalog().types().size(), release.catalog().fingerprint());
  }

  /**
   * Follows the topic on a daemon thread and hands each release newer than {@code after} to
   * {@code onRelease}, in order, until the returned handle is closed.
   */
  public AutoCloseable follow(long after, Consumer<CatalogRelease> onRelease) {
    Thread thread = new Thread(() -> {
      long have = after;
      try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        while (!Thread.currentThread().isInterrupted()) {
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            Optional<CatalogRelease> release = parse(record);
            if (release.isPresent() && release.get().generation() > have) {
              have = release.get().generation();
              try {
                onRelease.accept(release.get());
              } catch (RuntimeException e) {
                LOG.error("schema catalog release {} could not be applied here", have, e);
              }
            }
          }
        }
      } catch (org.apache.kafka.common.errors.InterruptException e) {
        // closed
      }
    }, "strata-schema-releases");
    thread.setDaemon(true);
    thread.start();
    return () -> {
      thread.interrupt();
      thread.join(10_000);
    };
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
  }

  private static Optional<CatalogRelease> parse(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(CatalogRelease.fromJson(new String(record.value(), UTF_8)));
    } catch (RuntimeException e) {
      LOG.warn("schema topic offset {} is not a catalog release, skipped: {}", record.offset(), e.getMessage());
      return Optional.empty();
    }
  }
}
