package io.strata.launcher;

import io.strata.catalog.EventsTable;
import io.strata.launcher.generate.EventChecksum;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.rest.RESTCatalog;

/** Reads the lake table as an analyst's client would: through the REST catalog. */
final class LakeVerifier implements AutoCloseable {
  private final RESTCatalog catalog = new RESTCatalog();

  LakeVerifier(URI catalogUri) {
    Map<String, String> props = new HashMap<>();
    props.put("uri", catalogUri.toString());
    catalog.initialize("verifier", props);
  }

  Table table() {
    return catalog.loadTable(EventsTable.IDENTIFIER);
  }

  /** Rows in the current snapshot, from its summary (cheap). */
  long committedRows() {
    Snapshot snapshot = table().currentSnapshot();
    return snapshot == null ? 0 : Long.parseLong(snapshot.summary().getOrDefault("total-records", "0"));
  }

  /** Waits until the table holds {@code expected} rows, failing if it passes them or stalls. */
  void awaitRows(long expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long started = System.nanoTime();
    long lastReport = started;
    long rows = committedRows();
    while (rows < expected) {
      if (System.nanoTime() - lastReport > 5_000_000_000L) {
        lastReport = System.nanoTime();
        System.out.printf("lake: %d of %d rows after %.0f s%n", rows, expected, (lastReport - started) / 1e9);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("lake holds " + rows + " rows after " + timeout + ", expected " + expected);
      }
      Thread.sleep(500);
      rows = committedRows();
    }
  }

  /** The checksum over every row, read from the data files. */
  EventChecksum checksum() throws IOException {
    EventChecksum checksum = new EventChecksum();
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(table()).select("tenant_id", "event_id", "payload").build()) {
      for (Record row : rows) {
        checksum.add(
            (String) row.getField("tenant_id"), (String) row.getField("event_id"),
            (String) row.getField("payload"));
      }
    }
    return checksum;
  }

  @Override
  public void close() throws IOException {
    catalog.close();
  }
}
