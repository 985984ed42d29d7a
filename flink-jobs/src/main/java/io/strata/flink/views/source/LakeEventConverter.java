package io.strata.flink.views.source;

import io.strata.event.EventEnvelope;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.flink.source.reader.RowDataConverter;

/**
 * A row of {@code strata.events} back to the event it was, with the hot-log position the row records
 * ({@code log_partition}, {@code log_offset}): the history a projection version is built from. The
 * columns are read in the table's order, the one the tier job writes ({@code LakeRowDeserializer}).
 */
public final class LakeEventConverter implements RowDataConverter<LogEvent> {
  private static final int MICROS = 6;

  @Override
  public LogEvent apply(RowData row) {
    return fromRow(row);
  }

  public static LogEvent fromRow(RowData row) {
    EventEnvelope event = new EventEnvelope(
        row.getString(0).toString(),
        row.getString(1).toString(),
        row.getInt(2),
        row.getString(3).toString(),
        row.getString(4).toString(),
        row.getTimestamp(5, MICROS).toInstant(),
        row.getTimestamp(6, MICROS).toInstant(),
        row.getString(7).toString(),
        row.getString(8).toString(),
        row.isNullAt(9) ? null : row.getString(9).toString(),
        row.getString(10).toString(),
        row.getString(11).toString(),
        // Null in rows the lake held before it kept the version an event was sent as.
        row.getArity() > 14 && !row.isNullAt(14) ? row.getInt(14) : row.getInt(2));
    return new LogEvent(event, row.getInt(12), row.getLong(13));
  }

  @Override
  public TypeInformation<LogEvent> getProducedType() {
    return TypeInformation.of(LogEvent.class);
  }
}
