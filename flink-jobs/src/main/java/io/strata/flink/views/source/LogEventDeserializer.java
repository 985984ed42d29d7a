package io.strata.flink.views.source;

import io.strata.event.EnvelopeCodec;
import io.strata.event.EventEnvelope;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A hot-log record as the ingest job wrote it, back to its envelope. */
public final class LogEventDeserializer implements KafkaRecordDeserializationSchema<LogEvent> {
  private transient EnvelopeCodec codec;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<LogEvent> out) throws IOException {
    if (codec == null) {
      codec = new EnvelopeCodec();
    }
    // Only the ingest job writes the hot log: a record it could not have written is a bug, not input.
    String where = "hot-log record " + record.topic() + "/" + record.partition() + "@" + record.offset();
    if (record.value() == null) {
      throw new IOException(where + " has no value");
    }
    EventEnvelope envelope;
    try {
      envelope = codec.decodeEncoded(record.value());
    } catch (IOException e) {
      throw new IOException(where + " is not an envelope as the ingest job writes it: " + e.getMessage(), e);
    }
    out.collect(new LogEvent(envelope, record.partition(), record.offset()));
  }

  @Override
  public TypeInformation<LogEvent> getProducedType() {
    return TypeInformation.of(LogEvent.class);
  }
}
