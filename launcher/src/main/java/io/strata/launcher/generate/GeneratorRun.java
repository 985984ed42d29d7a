package io.strata.launcher.generate;

import io.strata.event.RecordLimits;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Sends generated records to the raw topic with an idempotent producer, at an optional rate. */
public final class GeneratorRun {
  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private GeneratorRun() {}

  /** Called just before each record is handed to the producer. */
  @FunctionalInterface
  public interface SendObserver {
    /**
     * @param index the record's position in this run, from 0
     * @param record the record
     * @param epochMillis wall-clock time of the send
     */
    void beforeSend(long index, GeneratedRecord record, long epochMillis);
  }

  /**
   * What one run sent.
   *
   * @param records records sent and acknowledged
   * @param bytes key and value bytes of those records
   * @param firstSendEpochMillis wall-clock time of the first send
   * @param seconds from the first send to the last acknowledgement
   * @param producerCpuNanos CPU time of the sending thread and the producer's network thread
   */
  public record SendReport(long records, long bytes, long firstSendEpochMillis, double seconds, long producerCpuNanos) {
    public double recordsPerSecond() {
      return seconds > 0 ? records / seconds : 0;
    }

    public double megabytesPerSecond() {
      return seconds > 0 ? bytes / 1e6 / seconds : 0;
    }
  }

  /** As {@link #send(Iterator, String, String, int, SendObserver)} without an observer. */
  public static SendReport send(
      Iterator<GeneratedRecord> records, String bootstrap, String topic, int ratePerSecond)
      throws Exception {
    return send(records, bootstrap, topic, ratePerSecond, (index, record, millis) -> {});
  }

  /**
   * Sends every record, in order, and waits until all are acknowledged.
   *
   * @param ratePerSecond records per second; 0 sends as fast as the broker takes them
   */
  public static SendReport send(
      Iterator<GeneratedRecord> records,
      String bootstrap,
      String topic,
      int ratePerSecond,
      SendObserver observer)
      throws Exception {
    String clientId = "strata-generator-" + CLIENTS.incrementAndGet();
    Map<String, Object> props =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.CLIENT_ID_CONFIG, clientId,
            ProducerConfig.ACKS_CONFIG, "all",
            // Idempotence with at most 5 in flight keeps the send order per partition across retries.
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.LINGER_MS_CONFIG, 5,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG, RecordLimits.MAX_RAW_RECORD_BYTES);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuBefore = threads.getCurrentThreadCpuTime();
    AtomicReference<Exception> failure = new AtomicReference<>();
    long started = System.nanoTime();
    long firstSendMillis = 0;
    long sent = 0;
    long bytes = 0;
    long producerCpu;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      Future<RecordMetadata> last = null;
      while (records.hasNext()) {
        GeneratedRecord record = records.next();
        long now = System.currentTimeMillis();
        if (sent == 0) {
          firstSendMillis = now;
          started = System.nanoTime();
        }
        observer.beforeSend(sent, record, now);
        last =
            producer.send(
                new ProducerRecord<>(topic, record.key(), record.value()),
                (metadata, error) -> {
                  if (error != null) {
                    failure.compareAndSet(null, error);
                  }
                });
        sent++;
        bytes += record.key().length + record.value().length;
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
      producerCpu = threads.getCurrentThreadCpuTime() - cpuBefore + cpuOfThreadsNamed(threads, clientId);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (failure.get() != null) {
      throw new IllegalStateException("sending to " + topic + " failed", failure.get());
    }
    return new SendReport(sent, bytes, firstSendMillis, seconds, producerCpu);
  }

  /** CPU time of the live threads whose name contains {@code part} (the producer's network thread). */
  private static long cpuOfThreadsNamed(ThreadMXBean threads, String part) {
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains(part)) {
        total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return total;
  }
}
