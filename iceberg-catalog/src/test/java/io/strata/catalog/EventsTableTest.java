package io.strata.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.SortDirection;
import org.apache.iceberg.SortField;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;
import org.junit.jupiter.api.Test;

class EventsTableTest {
  @Test
  void identifierIsStrataEvents() {
    assertThat(EventsTable.IDENTIFIER.toString()).isEqualTo("strata.events");
  }

  @Test
  void schemaHasTheEnvelopeInOrderWithFixedIds() {
    List<NestedField> columns = EventsTable.SCHEMA.columns();

    assertThat(columns)
        .extracting(NestedField::fieldId, NestedField::name)
        .containsExactly(
            tuple(1, "event_id"),
            tuple(2, "event_type"),
            tuple(3, "schema_version"),
            tuple(4, "tenant_id"),
            tuple(5, "entity_id"),
            tuple(6, "event_time"),
            tuple(7, "ingest_time"),
            tuple(8, "source"),
            tuple(9, "correlation_id"),
            tuple(10, "causation_id"),
            tuple(11, "key"),
            tuple(12, "payload"),
            tuple(13, "log_partition"),
            tuple(14, "log_offset"),
            tuple(15, "original_schema_version"));
    assertThat(columns.stream().filter(NestedField::isOptional).map(NestedField::name))
        .containsExactly("causation_id", "original_schema_version");
    assertThat(EventsTable.SCHEMA.findType("event_time")).isEqualTo(Types.TimestampType.withZone());
    assertThat(EventsTable.SCHEMA.findType("ingest_time"))
        .isEqualTo(Types.TimestampType.withZone());
    assertThat(EventsTable.SCHEMA.findType("schema_version")).isEqualTo(Types.IntegerType.get());
    assertThat(EventsTable.SCHEMA.findType("log_partition")).isEqualTo(Types.IntegerType.get());
    assertThat(EventsTable.SCHEMA.findType("log_offset")).isEqualTo(Types.LongType.get());
    assertThat(EventsTable.SCHEMA.findType("payload")).isEqualTo(Types.StringType.get());
  }

  @Test
  void partitionedByEventDayAndType() {
    assertThat(EventsTable.SPEC.fields())
        .extracting(field -> field.name() + "=" + field.transform() + "(" + field.sourceId() + ")")
        .containsExactly("event_time_day=day(6)", "event_type=identity(2)");
  }

  @Test
  void sortedByTenantEntityAndTime() {
    assertThat(EventsTable.SORT_ORDER.fields())
        .extracting(SortField::sourceId, SortField::direction, SortField::nullOrder)
        .containsExactly(
            tuple(4, SortDirection.ASC, NullOrder.NULLS_FIRST),
            tuple(5, SortDirection.ASC, NullOrder.NULLS_FIRST),
            tuple(6, SortDirection.ASC, NullOrder.NULLS_FIRST));
  }

  @Test
  void tablePropertiesPinFormatAndMetadataCleanup() {
    assertThat(EventsTable.PROPERTIES)
        .containsOnly(
            entry("format-version", "2"),
            entry("write.format.default", "parquet"),
            entry("write.parquet.compression-codec", "zstd"),
            entry("write.parquet.dict-size-bytes", "65536"),
            entry(
                "write.metadata.delete-after-commit.enabled", "true"),
            entry("write.metadata.previous-versions-max", "50"));
  }
}
