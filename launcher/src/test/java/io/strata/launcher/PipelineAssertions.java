package io.strata.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.flink.ingest.sink.DeadLetterSerializer;
import io.strata.launcher.generate.EventGenerator;
import io.strata.launcher.generate.GeneratedRecord;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** What a user checks after a run: the lake, the dead letters and the hot-log order, exactly. */
final class PipelineAssertions {
  private PipelineAssertions() {}

  static void assertExactlyOnce(
      EventGenerator generator,
      Map<String, String> invalidByValue,
      String bootstrap,
      URI catalogUri)
      throws Exception {
    long expected = generator.checksum().count();
    try (LakeVerifier lake = new LakeVerifier(catalogUri)) {
      lake.awaitRows(expected, Duration.ofMinutes(5));
      // Two more checkpoint intervals: nothing further may arrive.
      Thread.sleep(5_000);
      assertThat(lake.committedRows()).as("rows in strata.events").isEqualTo(expected);
      assertThat(lake.checksum().value()).as("lake checksum").isEqualTo(generator.checksum().value());
    }

    List<ConsumerRecord<byte[], byte[]>> dlq = TopicReader.readCommitted(bootstrap, "events.dlq");
    assertThat(dlq).as("dead letters").hasSize((int) generator.invalid());
    Map<String, String> remaining = new HashMap<>(invalidByValue);
    for (ConsumerRecord<byte[], byte[]> letter : dlq) {
      String value = new String(letter.value(), UTF_8);
      assertThat(remaining).as("dead letter is one of the invalid records sent").containsKey(value);
      assertThat(header(letter, DeadLetterSerializer.REASON_CODE)).isEqualTo(remaining.remove(value));
      assertThat(header(letter, DeadLetterSerializer.REASON)).isNotBlank();
      assertThat(header(letter, DeadLetterSerializer.SOURCE_TOPIC)).isEqualTo("events.raw");
      assertThat(Long.parseLong(header(letter, DeadLetterSerializer.SOURCE_OFFSET))).isNotNegative();
    }
    assertThat(remaining).as("invalid records missing from the DLQ").isEmpty();

    Map<String, List<String>> logOrder = new HashMap<>();
    List<ConsumerRecord<byte[], byte[]>> log = TopicReader.readCommitted(bootstrap, "events.log");
    assertThat(log).as("hot-log records").hasSize((int) expected);
    for (ConsumerRecord<byte[], byte[]> record : log) {
      String entity = new String(record.key(), UTF_8);
      logOrder.computeIfAbsent(entity, k -> new ArrayList<>()).add(eventId(record.value()));
    }
    assertThat(logOrder).as("hot-log order per entity").isEqualTo(generator.orderByEntity());
  }

  /** Invalid records by their exact text, with the rejection code each must get. */
  static Map<String, String> collectInvalid(List<GeneratedRecord> records) {
    Map<String, String> invalid = new HashMap<>();
    for (GeneratedRecord r : records) {
      if (r.kind() == GeneratedRecord.Kind.INVALID) {
        invalid.put(new String(r.value(), UTF_8), r.expectedRejection());
      }
    }
    return invalid;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), UTF_8);
  }

  private static String eventId(byte[] value) {
    String text = new String(value, UTF_8);
    int at = text.indexOf("\"event_id\":\"") + 12;
    return text.substring(at, text.indexOf('"', at));
  }
}
