package io.strata.catalog;

import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.requests.CommitTransactionRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code POST /v1/transactions/commit}: checks every table's requirements and builds its new
 * metadata first, and only then commits the tables one after another, each with the catalog's
 * compare-and-swap on the metadata pointer. A JDBC catalog has no multi-table commit, so a conflict
 * in the second phase can leave earlier tables committed; whatever the first phase rejects (stale
 * requirements, invalid updates) commits nothing.
 */
final class TransactionCommitter {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionCommitter.class);

  private record Staged(
      TableIdentifier table,
      TableOperations operations,
      TableMetadata base,
      TableMetadata updated) {}

  private TransactionCommitter() {}

  static void commit(Catalog catalog, CommitTransactionRequest request) {
    List<Staged> staged = new ArrayList<>();
    for (UpdateTableRequest change : request.tableChanges()) {
      TableIdentifier identifier = change.identifier();
      if (identifier == null) {
        throw new IllegalArgumentException(
            "every table change of a transaction needs an identifier");
      }
      Table table = catalog.loadTable(identifier);
      if (!(table instanceof BaseTable baseTable)) {
        throw new IllegalArgumentException("not an Iceberg table: " + identifier);
      }
      TableOperations operations = baseTable.operations();
      TableMetadata base = operations.current();
      change.requirements().forEach(requirement -> requirement.validate(base));
      TableMetadata.Builder builder = TableMetadata.buildFrom(base);
      change.updates().forEach(update -> update.applyTo(builder));
      TableMetadata updated = builder.build();
      if (!updated.changes().isEmpty()) {
        staged.add(new Staged(identifier, operations, base, updated));
      }
    }
    for (Staged table : staged) {
      table.operations().commit(table.base(), table.updated());
      LOG.info(
          "committed table {} in a transaction: {}",
          table.table(),
          table.operations().current().metadataFileLocation());
    }
  }
}
