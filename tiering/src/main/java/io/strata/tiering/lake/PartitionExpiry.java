package io.strata.tiering.lake;

import io.strata.tiering.PartitionFiles;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;

/**
 * Deletes whole partitions past their age: one delete per partition, by a filter that matches the
 * partition exactly (its event type, and event times from the start of its day to the start of the
 * next), so Iceberg drops whole files and never has to rewrite one. Files a late event added to the
 * partition since the plan go too: the filter is evaluated at commit. The bytes stay in storage until
 * no retained snapshot needs them (snapshot expiry deletes them), so time travel keeps working.
 */
public final class PartitionExpiry {
  /** What one partition's deletion removed, from the commit's summary. */
  public record Outcome(long filesDeleted, long rowsDeleted, long bytesDeleted, long snapshotId) {}

  private PartitionExpiry() {}

  public static Outcome expire(Table table, PartitionFiles partition) {
    table.newDelete().deleteFromRowFilter(filter(partition)).set(SortedRewrite.MAINTENANCE_PROPERTY, "expire").commit();
    Snapshot snapshot = table.currentSnapshot();
    Map<String, String> summary = snapshot.summary();
    return new Outcome(number(summary, "deleted-data-files"), number(summary, "deleted-records"),
        number(summary, "removed-files-size"), snapshot.snapshotId());
  }

  /** Exactly the rows of one partition. */
  static Expression filter(PartitionFiles partition) {
    long from = partition.start().atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    long to = partition.end().getEpochSecond() * 1_000_000L;
    return Expressions.and(
        Expressions.equal("event_type", partition.eventType()),
        Expressions.greaterThanOrEqual("event_time", from),
        Expressions.lessThan("event_time", to));
  }

  private static long number(Map<String, String> summary, String key) {
    return Long.parseLong(summary.getOrDefault(key, "0"));
  }
}
