package io.strata.tiering.lake;

import io.strata.tiering.PartitionFiles;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.expressions.Expressions;

/**
 * The events table's second partition spec, month of event time x event type, where cold months are
 * rolled up. It is added to the table as a spec that is not the default ({@code addNonDefaultSpec}),
 * so the tier job and every other writer go on writing day partitions; only maintenance's cold rewrites
 * write files in it, and readers (Trino) plan over both specs as over one table.
 */
final class MonthSpec {
  private static final String EVENT_TIME = "event_time";

  private MonthSpec() {}

  /** The table's month spec, added on first use. */
  static PartitionSpec of(Table table) {
    Optional<PartitionSpec> existing = find(table);
    if (existing.isPresent()) {
      return existing.get();
    }
    table.updateSpec()
        .removeField(Expressions.day(EVENT_TIME))
        .addField(Expressions.month(EVENT_TIME))
        .addNonDefaultSpec()
        .commit();
    table.refresh();
    return find(table).orElseThrow(() -> new IllegalStateException("the month spec was added to " + table.name() + " but is not there"));
  }

  private static Optional<PartitionSpec> find(Table table) {
    int eventTime = table.schema().findField(EVENT_TIME).fieldId();
    int eventType = table.schema().findField("event_type").fieldId();
    return table.specs().values().stream().filter(spec -> {
      List<PartitionField> fields = spec.fields();
      return fields.size() == 2
          && fields.stream().anyMatch(f -> f.sourceId() == eventTime && f.transform().toString().equals("month"))
          && fields.stream().anyMatch(f -> f.sourceId() == eventType && f.transform().isIdentity());
    }).findFirst();
  }

  /** The partition of a month partition's rows in the month spec. */
  static StructLike partition(PartitionSpec spec, Schema schema, PartitionFiles month) {
    GenericRecord row = GenericRecord.create(schema);
    row.setField(EVENT_TIME, month.start().atStartOfDay().atOffset(ZoneOffset.UTC));
    row.setField("event_type", month.eventType());
    PartitionKey key = new PartitionKey(spec, schema);
    key.partition(new InternalRecordWrapper(schema.asStruct()).wrap(row));
    return key;
  }
}
