package io.strata.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedServersIT {
  @TempDir Path dir;

  @Test
  void kafkaKeepsRecordsAcrossARestart() throws Exception {
    int port = FreePorts.pick();
    int controller = FreePorts.pick();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), port, controller)) {
      kafka.ensureTopics(Map.of("t", 2));
      kafka.ensureTopics(Map.of("t", 2)); // idempotent
      try (var producer =
          new KafkaProducer<String, String>(
              Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
              new StringSerializer(),
              new StringSerializer())) {
        for (int i = 0; i < 10; i++) {
          producer.send(new ProducerRecord<>("t", "k" + i, "v" + i)).get();
        }
      }
    }
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), port, controller)) {
      assertThat(readAll(kafka.bootstrapServers(), "t", 10)).hasSize(10);
    }
  }

  @Test
  void takenPortIsNamed() throws Exception {
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> EmbeddedKafka.start(dir.resolve("k2"), socket.getLocalPort(), 0))
          .hasMessageContaining("strata.kafka.port")
          .hasMessageContaining(String.valueOf(socket.getLocalPort()));
    }
  }

  @Test
  void s3ServesABucket() throws Exception {
    try (EmbeddedS3 s3 = EmbeddedS3.start(dir.resolve("s3"), 0, new S3Credentials("a", "b"))) {
      assertThat(s3.bucketExists("lake")).isFalse();
      s3.ensureBucket("lake");
      s3.ensureBucket("lake");
      assertThat(s3.bucketExists("lake")).isTrue();
      assertThat(dir.resolve("s3").resolve("lake")).isDirectory();
    }
  }

  private static List<String> readAll(String bootstrap, String topic, int expected) {
    try (var consumer =
        new KafkaConsumer<String, String>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      var values = new java.util.ArrayList<String>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
      }
      return values;
    }
  }
}
