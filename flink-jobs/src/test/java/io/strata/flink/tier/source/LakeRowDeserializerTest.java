package io.strata.flink.tier.source;

import static io.strata.flink.TestingEvents.orderPlaced;
import static io.strata.flink.TestingEvents.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.catalog.EventsTable;
import io.strata.event.EnvelopeCodec;
import io.strata.event.EventEnvelope;
import io.strata.flink.TestingEvents;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.InstantiationUtil;
import org.apache.iceberg.types.Types;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class LakeRowDeserializerTest {
  private final LakeRowDeserializer deserializer = new LakeRowDeserializer();

  @Test
  void rowTypeHasTheLakeTableColumnsInOrder() {
    assertThat(LakeRowDeserializer.ROW_TYPE.getFieldNames())
        .containsExactlyElementsOf(
            EventsTable.SCHEMA.columns().stream().map(Types.NestedField::name).toList());
    assertThat(deserializer.getProducedType())
        .isEqualTo(InternalTypeInfo.of(LakeRowDeserializer.ROW_TYPE));
  }

  @Test
  void hotLogRecordBecomesALakeRow() throws Exception {
    EventEnvelope event =
        orderPlaced("acme", "order-1", "evt-1").withIngestTime(TestingEvents.INGEST_TIME);

    RowData row = single(deserialize(logRecord(2, 77L, new EnvelopeCodec().encode(event))));

    assertThat(row.getRowKind()).isEqualTo(RowKind.INSERT);
    assertThat(row.getArity()).isEqualTo(EventsTable.SCHEMA.columns().size());
    assertThat(row.getString(0).toString()).isEqualTo("evt-1");
    assertThat(row.getString(1).toString()).isEqualTo("order.placed");
    assertThat(row.getInt(2)).isEqualTo(2);
    assertThat(row.getString(3).toString()).isEqualTo("acme");
    assertThat(row.getString(4).toString()).isEqualTo("order-1");
    assertThat(row.getTimestamp(5, 6))
        .isEqualTo(TimestampData.fromInstant(TestingEvents.EVENT_TIME));
    assertThat(row.getTimestamp(6, 6))
        .isEqualTo(TimestampData.fromInstant(TestingEvents.INGEST_TIME));
    assertThat(row.getString(7).toString()).isEqualTo("checkout-service");
    assertThat(row.getString(8).toString()).isEqualTo("corr-evt-1");
    assertThat(row.isNullAt(9)).isTrue();
    assertThat(row.getString(10).toString()).isEqualTo("order-1");
    assertThat(row.getString(11).toString())
        .isEqualTo("{\"order_id\":\"order-1\",\"amount_cents\":1250,\"currency\":\"EUR\"}");
    assertThat(row.getInt(12)).isEqualTo(2);
    assertThat(row.getLong(13)).isEqualTo(77L);
    assertThat(row.getInt(14)).as("original_schema_version").isEqualTo(row.getInt(2));
  }

  @Test
  void rowMatchesTheProducedTypeThroughFlinksSerializer() throws Exception {
    EventEnvelope base =
        orderPlaced("acme", "order-1", "evt-2").withIngestTime(TestingEvents.INGEST_TIME);
    EventEnvelope event =
        new EventEnvelope(
            base.eventId(),
            base.eventType(),
            base.schemaVersion(),
            base.tenantId(),
            base.entityId(),
            base.eventTime(),
            base.ingestTime(),
            base.source(),
            base.correlationId(),
            "evt-1",
            base.key(),
            base.payload());
    RowData row = single(deserialize(logRecord(0, 5L, new EnvelopeCodec().encode(event))));

    // The row travels from the source to the Iceberg writer through this serializer.
    RowType type = LakeRowDeserializer.ROW_TYPE;
    RowData copy = new RowDataSerializer(type).toBinaryRow(row);

    assertThat(copy.getString(9).toString()).isEqualTo("evt-1");
    assertThat(copy.getTimestamp(5, 6))
        .isEqualTo(TimestampData.fromInstant(TestingEvents.EVENT_TIME));
    assertThat(copy.getTimestamp(6, 6))
        .isEqualTo(TimestampData.fromInstant(TestingEvents.INGEST_TIME));
    assertThat(copy.getInt(12)).isEqualTo(0);
    assertThat(copy.getLong(13)).isEqualTo(5L);
    for (int i = 0; i < type.getFieldCount(); i++) {
      RowData.FieldGetter getter = RowData.createFieldGetter(type.getTypeAt(i), i);
      assertThat(getter.getFieldOrNull(copy))
          .as(type.getFieldNames().get(i))
          .isEqualTo(getter.getFieldOrNull(row));
    }
  }

  @Test
  void recordThatIsNotAnEnvelopeFailsNamingWhereItIs() {
    ConsumerRecord<byte[], byte[]> record = logRecord(4, 1234L, utf8("{\"event_id\":\"evt-1\"}"));

    assertThatThrownBy(() -> deserialize(record))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "hot-log record events.log/4@1234 is not an envelope as the ingest job writes it:"
                + " not a complete envelope: eventType is null");
  }

  @Test
  void recordThatIsNotJsonFailsNamingWhereItIs() {
    ConsumerRecord<byte[], byte[]> record = logRecord(0, 3L, utf8("garbage"));

    assertThatThrownBy(() -> deserialize(record))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(
            "hot-log record events.log/0@3 is not an envelope as the ingest job writes it: not valid JSON at byte 7");
  }

  @Test
  void recordWithoutValueFailsNamingWhereItIs() {
    ConsumerRecord<byte[], byte[]> record = logRecord(1, 8L, null);

    assertThatThrownBy(() -> deserialize(record))
        .isInstanceOf(IOException.class)
        .hasMessage("hot-log record events.log/1@8 has no value");
  }

  @Test
  void envelopeWithoutIngestTimeFailsNamingWhereItIs() {
    EventEnvelope unstamped = orderPlaced("acme", "order-1", "evt-1");
    ConsumerRecord<byte[], byte[]> record = logRecord(1, 9L, new EnvelopeCodec().encode(unstamped));

    assertThatThrownBy(() -> deserialize(record))
        .isInstanceOf(IOException.class)
        .hasMessage("hot-log record events.log/1@9 has no ingest_time (event evt-1)");
  }

  @Test
  void worksAfterJavaSerialization() throws Exception {
    LakeRowDeserializer copy = InstantiationUtil.clone(deserializer);
    EventEnvelope event =
        orderPlaced("acme", "order-1", "evt-1").withIngestTime(TestingEvents.INGEST_TIME);
    List<RowData> rows = new ArrayList<>();

    copy.deserialize(
        logRecord(2, 77L, new EnvelopeCodec().encode(event)), new ListCollector<>(rows));

    assertThat(rows).singleElement().satisfies(r -> assertThat(r.getLong(13)).isEqualTo(77L));
  }

  private List<RowData> deserialize(ConsumerRecord<byte[], byte[]> record) throws IOException {
    List<RowData> rows = new ArrayList<>();
    deserializer.deserialize(record, new ListCollector<>(rows));
    return rows;
  }

  private static ConsumerRecord<byte[], byte[]> logRecord(
      int partition, long offset, byte[] value) {
    return new ConsumerRecord<>("events.log", partition, offset, utf8("acme/order-1"), value);
  }

  private static RowData single(List<RowData> rows) {
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }
}
