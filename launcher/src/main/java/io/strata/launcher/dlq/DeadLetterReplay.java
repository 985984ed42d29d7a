package io.strata.launcher.dlq;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends dead letters back through ingest: each selected letter's original key and value go to the raw
 * topic again (to the partition they first came from), and its id goes to a ledger topic in the same
 * Kafka transaction, so a letter is replayed once however often a replay runs, and a replay that dies
 * half way replays nothing twice. Replayed events then meet today's event types and schemas: those that
 * pass land (the ingest job also drops an event id it has seen within its dedup window), the rest go to
 * the dead-letter topic again with their new reason, as new letters that a later replay may take.
 */
public final class DeadLetterReplay {
  /** Header on a replayed raw record: the dead letter it came from ({@code partition/offset}). */
  public static final String REPLAY_OF = "strata.replay.of";
  private static final int TRANSACTION = 1_000;

  /**
   * What a replay did.
   *
   * @param scanned dead letters read
   * @param selected those the filter took
   * @param alreadyReplayed selected ones an earlier replay had sent (skipped)
   * @param replayed selected ones sent now (or, in a dry run, that would be)
   */
  public record Result(long scanned, long selected, long alreadyReplayed, long replayed) {}

  private final String bootstrap;
  private final String deadLetterTopic;
  private final String rawTopic;
  private final String ledgerTopic;

  public DeadLetterReplay(String bootstrap, String deadLetterTopic, String rawTopic, String ledgerTopic) {
    this.bootstrap = requireNonNull(bootstrap, "bootstrap is null");
    this.deadLetterTopic = requireNonNull(deadLetterTopic, "deadLetterTopic is null");
    this.rawTopic = requireNonNull(rawTopic, "rawTopic is null");
    this.ledgerTopic = requireNonNull(ledgerTopic, "ledgerTopic is null");
  }

  public Result replay(DeadLetterFilter filter, boolean dryRun, LongConsumer progress) throws Exception {
    ensureLedger();
    DeadLetterTopic topics = new DeadLetterTopic(bootstrap);
    Set<String> done = topics.replayed(ledgerTopic);
    long[] counts = new long[3];
    List<DeadLetterRecord> batch = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = dryRun ? null : producer()) {
      long scanned = topics.deadLetters(deadLetterTopic, letter -> {
        if (!filter.accepts(letter)) {
          return;
        }
        counts[0]++;
        if (done.contains(letter.id())) {
          counts[1]++;
          return;
        }
        counts[2]++;
        if (producer != null) {
          batch.add(letter);
          if (batch.size() == TRANSACTION) {
            send(producer, batch);
          }
        }
      }, progress);
      if (producer != null && !batch.isEmpty()) {
        send(producer, batch);
      }
      return new Result(scanned, counts[0], counts[1], counts[2]);
    }
  }

  private KafkaProducer<byte[], byte[]> producer() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    // One replay at a time: a second one fences the first rather than interleave with it.
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "strata-dlq-replay");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20);
    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    producer.initTransactions();
    return producer;
  }

  /** One transaction: each letter's record to the raw topic and its id to the ledger. */
  private void send(KafkaProducer<byte[], byte[]> producer, List<DeadLetterRecord> letters) {
    producer.beginTransaction();
    for (DeadLetterRecord letter : letters) {
      RecordHeaders headers = new RecordHeaders();
      headers.add(REPLAY_OF, letter.id().getBytes(UTF_8));
      Integer partition = letter.sourceTopic().equals(rawTopic) && letter.sourcePartition() >= 0 ? letter.sourcePartition() : null;
      producer.send(new ProducerRecord<>(rawTopic, partition, null, letter.key(), letter.value(), headers));
      String entry = "{\"replayed_at\":\"" + Instant.now() + "\",\"reason_code\":\"" + letter.reasonCode() + "\"}";
      producer.send(new ProducerRecord<>(ledgerTopic, letter.id().getBytes(UTF_8), entry.getBytes(UTF_8)));
    }
    producer.commitTransaction();
    letters.clear();
  }

  /** The ledger is a compacted topic of its own, made the first time a replay runs. */
  private void ensureLedger() throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(ledgerTopic)) {
        try {
          admin.createTopics(List.of(new NewTopic(ledgerTopic, java.util.Optional.of(1), java.util.Optional.empty()).configs(Map.of("cleanup.policy", "compact"))))
              .all().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
    }
  }
}
