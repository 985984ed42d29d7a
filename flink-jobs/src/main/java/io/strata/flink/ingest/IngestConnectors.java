package io.strata.flink.ingest;

import io.strata.event.EventEnvelope;
import io.strata.flink.config.IngestConfig;
import io.strata.flink.ingest.sink.DeadLetter;
import io.strata.flink.ingest.sink.DeadLetterSerializer;
import io.strata.flink.ingest.sink.LogRecordSerializer;
import io.strata.flink.ingest.source.CatalogReleaseDeserializer;
import io.strata.flink.ingest.source.RawRecord;
import io.strata.flink.ingest.source.RawRecordDeserializer;
import io.strata.flink.internal.KafkaSettings;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import io.strata.schemas.CatalogRelease;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

/** The Kafka source and the two exactly-once Kafka sinks of the ingest job. */
public final class IngestConnectors {
  public static final String GROUP_ID = "strata-ingest";

  private IngestConnectors() {}

  public static KafkaSource<RawRecord> rawSource(IngestConfig config) {
    return KafkaSettings.<RawRecord>committedSource(config.bootstrapServers(), config.rawTopic(), GROUP_ID)
        .setDeserializer(new RawRecordDeserializer())
        .build();
  }

  /**
   * The schema catalog's releases, from the topic's start: the newest wins. No consumer group: where it
   * has read to is in the job's checkpoints.
   */
  public static KafkaSource<CatalogRelease> schemaSource(IngestConfig config) {
    return KafkaSource.<CatalogRelease>builder()
        .setBootstrapServers(config.bootstrapServers())
        .setTopics(config.schemasTopic())
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setDeserializer(new CatalogReleaseDeserializer())
        .setProperty("commit.offsets.on.checkpoint", "false")
        .build();
  }

  public static KafkaSink<EventEnvelope> logSink(IngestConfig config) {
    return KafkaSettings.<EventEnvelope>exactlyOnceSink(config.bootstrapServers(), "strata-ingest-log")
        .setRecordSerializer(new LogRecordSerializer(config.logTopic()))
        .build();
  }

  public static KafkaSink<DeadLetter> deadLetterSink(IngestConfig config) {
    return KafkaSettings.<DeadLetter>exactlyOnceSink(config.bootstrapServers(), "strata-ingest-dlq")
        .setRecordSerializer(new DeadLetterSerializer(config.dlqTopic()))
        .build();
  }
}
