package io.strata.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/** The lake table {@code strata.events}: its schema, partitioning, sort order and properties. */
public final class EventsTable {
  public static final Namespace NAMESPACE = Namespace.of("strata");
  public static final TableIdentifier IDENTIFIER = TableIdentifier.of(NAMESPACE, "events");
  /** The column added after the table's first release: tables made before it gain it at start-up. */
  public static final String ORIGINAL_SCHEMA_VERSION = "original_schema_version";

  /** The event envelope and the event's place in the hot log; ids are fixed, changes additive. */
  public static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "event_id", Types.StringType.get()),
          Types.NestedField.required(2, "event_type", Types.StringType.get()),
          Types.NestedField.required(3, "schema_version", Types.IntegerType.get()),
          Types.NestedField.required(4, "tenant_id", Types.StringType.get()),
          Types.NestedField.required(5, "entity_id", Types.StringType.get()),
          Types.NestedField.required(6, "event_time", Types.TimestampType.withZone()),
          Types.NestedField.required(7, "ingest_time", Types.TimestampType.withZone()),
          Types.NestedField.required(8, "source", Types.StringType.get()),
          Types.NestedField.required(9, "correlation_id", Types.StringType.get()),
          Types.NestedField.optional(10, "causation_id", Types.StringType.get()),
          Types.NestedField.required(11, "key", Types.StringType.get()),
          Types.NestedField.required(12, "payload", Types.StringType.get(), "the JSON object text"),
          Types.NestedField.required(
              13, "log_partition", Types.IntegerType.get(), "hot-log Kafka partition"),
          Types.NestedField.required(14, "log_offset", Types.LongType.get(), "hot-log offset"),
          Types.NestedField.optional(15, ORIGINAL_SCHEMA_VERSION, Types.IntegerType.get(),
              "the schema version the event was sent as (upcast since to schema_version); null in rows written before it was kept"));

  // Tenant is deliberately not a partition dimension: day x type x tenant multiplies small files.
  // Tenant filters still prune well through Parquet min/max statistics, kept tight by the sort
  // order that compaction applies.
  public static final PartitionSpec SPEC =
      PartitionSpec.builderFor(SCHEMA).day("event_time").identity("event_type").build();

  public static final SortOrder SORT_ORDER =
      SortOrder.builderFor(SCHEMA).asc("tenant_id").asc("entity_id").asc("event_time").build();

  /** Unmodifiable, in a map that answers {@code containsKey(null)} as Iceberg's builders ask it. */
  public static final Map<String, String> PROPERTIES = properties();

  private EventsTable() {}

  /** The schema's column names: what a tiering policy's sort order may name. */
  public static java.util.Set<String> columnNames() {
    return SCHEMA.columns().stream().map(Types.NestedField::name).collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  private static Map<String, String> properties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("format-version", "2");
    properties.put("write.format.default", "parquet");
    properties.put("write.parquet.compression-codec", "zstd");
    // Parquet stops dictionary-encoding a column chunk once its dictionary passes this size. Ids,
    // payloads and times are nearly all distinct, so a 2 MB dictionary (the default) was hashed and
    // then thrown away in each file: a fifth of the tier job's CPU in a profile (BENCHMARKS.md).
    // Types, tenants, sources and entities stay well below it and keep their dictionaries.
    properties.put("write.parquet.dict-size-bytes", "65536");
    properties.put("write.metadata.delete-after-commit.enabled", "true");
    properties.put("write.metadata.previous-versions-max", "50");
    return Collections.unmodifiableMap(properties);
  }
}
