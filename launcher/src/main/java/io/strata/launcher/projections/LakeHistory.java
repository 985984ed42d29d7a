package io.strata.launcher.projections;

import io.strata.catalog.EventsTable;
import io.strata.catalog.RestClientProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.rest.RESTCatalog;

/**
 * The lake history a projection version is built from: the table's current snapshot, pinned, and where
 * the hot log takes over from it.
 *
 * @param snapshotId the snapshot, empty when the table has none yet
 * @param nextOffsets per hot-log partition, one past the highest {@code log_offset} the snapshot holds:
 *     the tier job commits each partition's records in offset order, so the snapshot holds everything
 *     before it (less what retention has dropped from the lake) and nothing after it
 * @param events the events of the projection's types the snapshot holds (its files' row counts: the
 *     table is partitioned by event type and only ever loses whole files)
 */
record LakeHistory(Optional<Long> snapshotId, Map<Integer, Long> nextOffsets, long events) {

  /**
   * Whether the lake's current snapshot holds any event of these types (from its files' metadata only):
   * a version without history builds in moments, one with history in a batch job.
   */
  static boolean hasHistory(String catalogUri, Optional<String> token, Set<String> eventTypes) {
    return read(catalogUri, token, table -> {
      Snapshot snapshot = table.currentSnapshot();
      return snapshot != null && events(table, snapshot, eventTypes) > 0;
    });
  }

  static LakeHistory pin(String catalogUri, Optional<String> token, Set<String> eventTypes) {
    return read(catalogUri, token, table -> {
      Snapshot snapshot = table.currentSnapshot();
      if (snapshot == null) {
        return new LakeHistory(Optional.empty(), Map.of(), 0);
      }
      Map<Integer, Long> next = new TreeMap<>();
      try (CloseableIterable<Record> rows =
          IcebergGenerics.read(table).useSnapshot(snapshot.snapshotId()).select("log_partition", "log_offset").build()) {
        for (Record row : rows) {
          next.merge((Integer) row.getField("log_partition"), (Long) row.getField("log_offset") + 1, Math::max);
        }
      }
      return new LakeHistory(Optional.of(snapshot.snapshotId()), next, events(table, snapshot, eventTypes));
    });
  }

  private interface TableRead<T> {
    T apply(Table table) throws IOException;
  }

  /** One catalog session: the events table loaded, read, and the session closed. */
  private static <T> T read(String catalogUri, Optional<String> token, TableRead<T> read) {
    try (RESTCatalog catalog = new RESTCatalog()) {
      catalog.initialize("strata-projections", RestClientProperties.of(catalogUri, token));
      return read.apply(catalog.loadTable(EventsTable.IDENTIFIER));
    } catch (IOException e) {
      throw new UncheckedIOException("reading the lake history failed", e);
    }
  }

  private static long events(Table table, Snapshot snapshot, Set<String> eventTypes) throws IOException {
    Expression types = eventTypes.isEmpty()
        ? Expressions.alwaysTrue()
        : Expressions.in("event_type", eventTypes.toArray());
    long events = 0;
    try (CloseableIterable<FileScanTask> files = table.newScan().useSnapshot(snapshot.snapshotId()).filter(types).planFiles()) {
      for (FileScanTask file : files) {
        events += file.file().recordCount();
      }
    }
    return events;
  }
}
