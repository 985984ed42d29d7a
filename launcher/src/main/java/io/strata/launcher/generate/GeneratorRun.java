package io.strata.launcher.generate;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Sends generated records to the raw topic with an idempotent producer, at an optional rate. */
public final class GeneratorRun {
  private GeneratorRun() {}

  /**
   * Sends every record, in order, and waits until all are acknowledged.
   *
   * @param ratePerSecond records per second; 0 sends as fast as the broker takes them
   */
  public static void send(
      Iterator<GeneratedRecord> records, String bootstrap, String topic, int ratePerSecond)
      throws Exception {
    Map<String, Object> props =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.ACKS_CONFIG, "all",
            // Idempotence with at most 5 in flight keeps the send order per partition across retries.
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.LINGER_MS_CONFIG, 5,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    AtomicReference<Exception> failure = new AtomicReference<>();
    long started = System.nanoTime();
    long sent = 0;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      Future<RecordMetadata> last = null;
      while (records.hasNext()) {
        GeneratedRecord record = records.next();
        last =
            producer.send(
                new ProducerRecord<>(topic, record.key(), record.value()),
                (metadata, error) -> {
                  if (error != null) {
                    failure.compareAndSet(null, error);
                  }
                });
        sent++;
        if (ratePerSecond > 0) {
          long due = started + sent * 1_000_000_000L / ratePerSecond;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
        }
      }
      producer.flush();
      if (last != null) {
        last.get();
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException("sending to " + topic + " failed", failure.get());
    }
  }
}
