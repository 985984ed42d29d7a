package io.strata.flink.ingest.sink;

import static io.strata.flink.TestingEvents.utf8;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.InstantiationUtil;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterSerializerTest {
  private static final byte[] KEY = utf8("order-1");
  private static final byte[] VALUE = {'{', '"', 'x', '"', ':', (byte) 0xff, '}'};

  private final DeadLetterSerializer serializer = new DeadLetterSerializer("events.dlq");

  @Test
  void keepsTheOriginalBytesAndPutsTheReasonInHeaders() {
    DeadLetter letter =
        new DeadLetter(
            KEY, VALUE, "NOT_JSON", "not valid JSON at line 1, column 7", "events.raw", 3, 42L);

    ProducerRecord<byte[], byte[]> record =
        serializer.serialize(letter, new TestingKafkaSinkContext(), 1_700_000_000_000L);

    assertThat(record.topic()).isEqualTo("events.dlq");
    assertThat(record.partition()).isNull();
    assertThat(record.timestamp()).isEqualTo(1_700_000_000_000L);
    assertThat(record.key()).isEqualTo(KEY);
    assertThat(record.value()).isEqualTo(VALUE);
    assertThat(headers(record))
        .containsExactly(
            Map.entry("strata.reason.code", "NOT_JSON"),
            Map.entry("strata.reason", "not valid JSON at line 1, column 7"),
            Map.entry("strata.source.topic", "events.raw"),
            Map.entry("strata.source.partition", "3"),
            Map.entry("strata.source.offset", "42"));
  }

  @Test
  void recordWithoutKeyOrValueStaysWithoutThem() {
    DeadLetter letter =
        new DeadLetter(null, null, "EMPTY_RECORD", "record has no value", "events.raw", 0, 9L);

    ProducerRecord<byte[], byte[]> record =
        serializer.serialize(letter, new TestingKafkaSinkContext(), null);

    assertThat(record.key()).isNull();
    assertThat(record.value()).isNull();
    assertThat(record.timestamp()).isNull();
    assertThat(headers(record))
        .contains(
            Map.entry("strata.reason.code", "EMPTY_RECORD"),
            Map.entry("strata.source.offset", "9"));
  }

  @Test
  void worksAfterJavaSerialization() throws Exception {
    DeadLetterSerializer copy = InstantiationUtil.clone(serializer);
    DeadLetter letter = new DeadLetter(KEY, VALUE, "NOT_JSON", "bad", "events.raw", 1, 2L);

    ProducerRecord<byte[], byte[]> record =
        copy.serialize(letter, new TestingKafkaSinkContext(), 5L);

    assertThat(record.topic()).isEqualTo("events.dlq");
    assertThat(record.value()).isEqualTo(VALUE);
  }

  private static List<Map.Entry<String, String>> headers(ProducerRecord<byte[], byte[]> record) {
    return Arrays.stream(record.headers().toArray())
        .map(h -> Map.entry(h.key(), new String(h.value(), UTF_8)))
        .toList();
  }
}
