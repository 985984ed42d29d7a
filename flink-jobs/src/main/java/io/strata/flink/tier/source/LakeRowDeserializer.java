package io.strata.flink.tier.source;

import io.strata.catalog.EventsTable;
import io.strata.event.EnvelopeCodec;
import io.strata.event.EventEnvelope;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.Collector;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns a hot-log record into a row of {@code strata.events}, in the table's column order, with the
 * record's partition and offset.
 */
public final class LakeRowDeserializer implements KafkaRecordDeserializationSchema<RowData> {
  public static final RowType ROW_TYPE = FlinkSchemaUtil.convert(EventsTable.SCHEMA);

  private transient EnvelopeCodec codec;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RowData> out)
      throws IOException {
    if (codec == null) {
      codec = new EnvelopeCodec();
    }
    // The hot log is written only by the ingest job; a bad record here is a bug, not input.
    String where = "hot-log record " + record.topic() + "/" + record.partition() + "@" + record.offset();
    if (record.value() == null) {
      throw new IOException(where + " has no value");
    }
    // The ingest job validated it and wrote it with encode: read it back without a tree.
    EventEnvelope envelope;
    try {
      envelope = codec.decodeEncoded(record.value());
    } catch (IOException e) {
      throw new IOException(where + " is not an envelope as the ingest job writes it: " + e.getMessage(), e);
    }
    if (envelope.ingestTime() == null) {
      throw new IOException(where + " has no ingest_time (event " + envelope.eventId() + ")");
    }
    out.collect(toRow(envelope, record.partition(), record.offset()));
  }

  public static RowData toRow(EventEnvelope e, int partition, long offset) {
    if (e.ingestTime() == null) {
      throw new IllegalArgumentException("event " + e.eventId() + " has no ingest_time");
    }
    GenericRowData row = new GenericRowData(15);
    row.setField(0, StringData.fromString(e.eventId()));
    row.setField(1, StringData.fromString(e.eventType()));
    row.setField(2, e.schemaVersion());
    row.setField(3, StringData.fromString(e.tenantId()));
    row.setField(4, StringData.fromString(e.entityId()));
    row.setField(5, TimestampData.fromInstant(e.eventTime()));
    row.setField(6, TimestampData.fromInstant(e.ingestTime()));
    row.setField(7, StringData.fromString(e.source()));
    row.setField(8, StringData.fromString(e.correlationId()));
    row.setField(9, e.causationId() == null ? null : StringData.fromString(e.causationId()));
    row.setField(10, StringData.fromString(e.key()));
    row.setField(11, StringData.fromString(e.payload()));
    row.setField(12, partition);
    row.setField(13, offset);
    row.setField(14, e.originalSchemaVersion());
    return row;
  }

  @Override
  public TypeInformation<RowData> getProducedType() {
    return InternalTypeInfo.of(ROW_TYPE);
  }
}
