package io.strata.launcher.dlq;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A dead letter as the ingest job wrote it: where it sits in the dead-letter topic, the original record's
 * bytes, why it was refused and where it came from. Its event type is read from the bytes when they are
 * an envelope that names one.
 *
 * @param partition, offset where it sits in the dead-letter topic
 * @param timestamp the original record's time (when it was sent)
 */
public record DeadLetterRecord(
    int partition, long offset, Instant timestamp, byte[] key, byte[] value, String reasonCode, String reason,
    String sourceTopic, int sourcePartition, long sourceOffset, Optional<String> eventType) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code 2/1234}: its place in the dead-letter topic, as the replay ledger names it. */
  public String id() {
    return partition + "/" + offset;
  }

  static DeadLetterRecord of(ConsumerRecord<byte[], byte[]> r) {
    return new DeadLetterRecord(r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()), r.key(), r.value(),
        header(r, "strata.reason.code"), header(r, "strata.reason"), header(r, "strata.source.topic"),
        parseInt(header(r, "strata.source.partition")), parseLong(header(r, "strata.source.offset")), eventType(r.value()));
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null || h.value() == null ? "" : new String(h.value(), UTF_8);
  }

  private static int parseInt(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static long parseLong(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Optional<String> eventType(byte[] value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(value);
      JsonNode type = node == null ? null : node.get("event_type");
      return type != null && type.isTextual() ? Optional.of(type.asText()) : Optional.empty();
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }
}
