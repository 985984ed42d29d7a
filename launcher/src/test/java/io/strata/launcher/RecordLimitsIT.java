package io.strata.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.event.EnvelopeCodec;
import io.strata.event.EventEnvelope;
import io.strata.event.RecordLimits;
import io.strata.event.ValidationConfig;
import io.strata.flink.ingest.sink.DeadLetterSerializer;
import io.strata.launcher.stack.StackConfig;
import io.strata.launcher.stack.StrataStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker, the topics and ingest agree on sizes (RecordLimits): a payload of the documented maximum
 * (1 MiB) reaches the hot log whole, one byte more is a dead letter with its reason, and a record over
 * the raw topic's limit is refused at the producer, which is told why.
 */
class RecordLimitsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EnvelopeCodec CODEC = new EnvelopeCodec();
  /** {@code {"blob":""}}: the payload's bytes besides the blob. */
  private static final int BLOB_OVERHEAD = 11;

  @TempDir Path dataDir;

  @Test
  void theLargestPayloadPassesOneByteMoreIsADeadLetterAndAnOversizedRecordIsRefused() throws Exception {
    Map<String, String> settings = TestStacks.settings(dataDir);
    settings.put("strata.views.enabled", "false");
    try (StrataStack stack = StrataStack.start(StackConfig.from(settings));
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(
                // The client's own limit above the topic's, so that the broker is the one to refuse.
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(), ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * RecordLimits.MAX_RAW_RECORD_BYTES),
                new ByteArraySerializer(), new ByteArraySerializer())) {
      String raw = stack.config().ingest().rawTopic();
      EventEnvelope largest = event(ValidationConfig.DEFAULT_MAX_PAYLOAD_BYTES - BLOB_OVERHEAD);
      EventEnvelope tooLarge = event(ValidationConfig.DEFAULT_MAX_PAYLOAD_BYTES - BLOB_OVERHEAD + 1);
      EventEnvelope oversized = event(RecordLimits.MAX_RAW_RECORD_BYTES);
      producer.send(record(raw, largest)).get();
      producer.send(record(raw, tooLarge)).get();
      assertThatThrownBy(() -> producer.send(record(raw, oversized)).get())
          .hasCauseInstanceOf(RecordTooLargeException.class);

      String bootstrap = stack.kafkaBootstrap();
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
        Optional<JsonNode> logged = find(TopicReader.readCommitted(bootstrap, stack.config().ingest().logTopic()), largest);
        assertThat(logged).as("the largest payload in the hot log").isPresent();
        assertThat(logged.get().at("/payload/blob").asText()).hasSize(ValidationConfig.DEFAULT_MAX_PAYLOAD_BYTES - BLOB_OVERHEAD);
      });
      List<ConsumerRecord<byte[], byte[]>> letters = TopicReader.readCommitted(bootstrap, stack.config().ingest().dlqTopic());
      assertThat(letters).as("dead letters").hasSize(1);
      ConsumerRecord<byte[], byte[]> letter = letters.get(0);
      assertThat(new String(letter.headers().lastHeader(DeadLetterSerializer.REASON_CODE).value(), UTF_8)).isEqualTo("PAYLOAD_TOO_LARGE");
      assertThat(new String(letter.headers().lastHeader(DeadLetterSerializer.REASON).value(), UTF_8))
          .isEqualTo("payload is 1048577 bytes, over the limit of 1048576");
      assertThat(letter.value()).as("the dead letter keeps the record as sent").isEqualTo(CODEC.encode(tooLarge));
      assertThat(find(TopicReader.readCommitted(bootstrap, stack.config().ingest().logTopic()), oversized)).isEmpty();
    }
  }

  private static EventEnvelope event(int blobChars) {
    String entity = "limits-" + UUID.randomUUID();
    return new EventEnvelope(UUID.randomUUID().toString(), "page.viewed", 1, "tenant-0", entity, Instant.now(), null,
        "record-limits-it", "corr-limits", null, entity, "{\"blob\":\"" + "x".repeat(blobChars) + "\"}");
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, EventEnvelope event) {
    return new ProducerRecord<>(topic, ("tenant-0/" + event.entityId()).getBytes(UTF_8), CODEC.encode(event));
  }

  private static Optional<JsonNode> find(List<ConsumerRecord<byte[], byte[]>> records, EventEnvelope event) throws Exception {
    for (ConsumerRecord<byte[], byte[]> r : records) {
      JsonNode node = JSON.readTree(r.value());
      if (event.eventId().equals(node.path("event_id").asText())) {
        return Optional.of(node);
      }
    }
    return Optional.empty();
  }
}
