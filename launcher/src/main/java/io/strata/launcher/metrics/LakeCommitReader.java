package io.strata.launcher.metrics;

import static java.util.Objects.requireNonNull;

import io.strata.catalog.EventsTable;
import io.strata.catalog.RestClientProperties;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.util.SnapshotUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@link LakeCommitStats} from the lake table through the REST catalog, with one catalog
 * client for the reporter's life. A table that cannot be read gives no stats and one warning until
 * it can be read again, so that a scrape never fails on it.
 */
final class LakeCommitReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LakeCommitReader.class);

  private final String uri;
  private final Map<String, String> properties;
  private RESTCatalog catalog;
  private boolean failing;

  LakeCommitReader(String uri, Optional<String> token) {
    this.uri = requireNonNull(uri, "uri is null");
    requireNonNull(token, "token is null");
    properties = RestClientProperties.of(uri, token);
    // A scrape waits on the catalog at most this long; Prometheus abandons a scrape after 10 s.
    properties.put("rest.client.connection-timeout-ms", "2000");
    properties.put("rest.client.socket-timeout-ms", "5000");
  }

  /** Connects the client now; a catalog that does not answer yet is tried again at each read. */
  synchronized void open() {
    try {
      catalog();
    } catch (RuntimeException e) {
      warnOnce(e);
    }
  }

  /** The stats of the table as the catalog has it now, or empty if it cannot be read. */
  synchronized Optional<LakeCommitStats> read() {
    try {
      LakeCommitStats stats = statsOf(catalog().loadTable(EventsTable.IDENTIFIER));
      if (failing) {
        LOG.info("lake table {} readable again at {}", EventsTable.IDENTIFIER, uri);
        failing = false;
      }
      return Optional.of(stats);
    } catch (RuntimeException e) {
      warnOnce(e);
      return Optional.empty();
    }
  }

  private RESTCatalog catalog() {
    if (catalog == null) {
      RESTCatalog client = new RESTCatalog();
      client.initialize("strata", properties);
      catalog = client;
    }
    return catalog;
  }

  private void warnOnce(RuntimeException e) {
    if (!failing) {
      LOG.warn(
          "cannot read lake table {} at {}, its commit metrics are left out until it can be read: {}",
          EventsTable.IDENTIFIER, uri, e.toString());
      failing = true;
    }
  }

  private static LakeCommitStats statsOf(Table table) {
    List<LakeCommitStats.Commit> ancestry = new ArrayList<>();
    int appends = 0;
    for (Snapshot snapshot : SnapshotUtil.currentAncestors(table)) {
      LakeCommitStats.Commit commit = new LakeCommitStats.Commit(snapshot.operation(), snapshot.summary());
      ancestry.add(commit);
      if (commit.isAppend() && ++appends == LakeCommitStats.WINDOW) {
        break;
      }
    }
    long commits = StreamSupport.stream(table.snapshots().spliterator(), false).count();
    return LakeCommitStats.of(commits, ancestry);
  }

  @Override
  public synchronized void close() throws IOException {
    if (catalog != null) {
      catalog.close();
      catalog = null;
    }
  }
}
