package io.strata.flink.ingest.source;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.strata.schemas.CatalogRelease;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema catalog release from the schemas topic. Only {@code strata schemas apply} and the stack write
 * that topic, after checking what they write; a record that is not a release is skipped with a warning
 * (the ingest job goes on with the catalog it has) rather than stop every event from being ingested.
 */
public final class CatalogReleaseDeserializer implements KafkaRecordDeserializationSchema<CatalogRelease> {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogReleaseDeserializer.class);

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<CatalogRelease> out) throws IOException {
    if (record.value() == null) {
      return;
    }
    try {
      out.collect(CatalogRelease.fromJson(new String(record.value(), UTF_8)));
    } catch (RuntimeException e) {
      LOG.warn("schema topic {} partition {} offset {} is not a catalog release, skipped: {}",
          record.topic(), record.partition(), record.offset(), e.getMessage());
    }
  }

  @Override
  public TypeInformation<CatalogRelease> getProducedType() {
    return TypeInformation.of(CatalogRelease.class);
  }
}
