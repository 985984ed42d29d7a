package io.strata.catalog;

import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.types.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the namespace {@code strata} and the table {@code strata.events} if they are absent, and adds
 * to an existing table the columns added to its schema since it was made (changes are additive).
 */
final class LakeBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(LakeBootstrap.class);

  private LakeBootstrap() {}

  static <C extends Catalog & SupportsNamespaces> void ensureEventsTable(
      C catalog, String warehouse) {
    try {
      if (!catalog.namespaceExists(EventsTable.NAMESPACE)) {
        catalog.createNamespace(EventsTable.NAMESPACE);
        LOG.info("created namespace {}", EventsTable.NAMESPACE);
      }
    } catch (AlreadyExistsException e) {
      // another replica created it first
    }
    if (catalog.tableExists(EventsTable.IDENTIFIER)) {
      evolve(catalog.loadTable(EventsTable.IDENTIFIER));
      return;
    }
    try {
      catalog
          .buildTable(EventsTable.IDENTIFIER, EventsTable.SCHEMA)
          .withPartitionSpec(EventsTable.SPEC)
          .withSortOrder(EventsTable.SORT_ORDER)
          .withProperties(EventsTable.PROPERTIES)
          .create();
      LOG.info("created table {} under {}", EventsTable.IDENTIFIER, warehouse);
    } catch (AlreadyExistsException e) {
      // another replica created it first
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot create " + EventsTable.IDENTIFIER + " under " + warehouse + " (check "
              + CatalogConfig.WAREHOUSE + ", that its bucket exists, and the strata.s3.* "
              + "settings): " + e.getMessage(),
          e);
    }
  }

  private static void evolve(Table table) {
    if (table.schema().findField(EventsTable.ORIGINAL_SCHEMA_VERSION) == null) {
      Types.NestedField column = EventsTable.SCHEMA.findField(EventsTable.ORIGINAL_SCHEMA_VERSION);
      try {
        table.updateSchema().addColumn(column.name(), column.type(), column.doc()).commit();
        LOG.info("added column {} to {}", column.name(), EventsTable.IDENTIFIER);
      } catch (org.apache.iceberg.exceptions.CommitFailedException | IllegalArgumentException e) {
        // Another replica added it first: it is there now.
        table.refresh();
        if (table.schema().findField(column.name()) == null) {
          throw e;
        }
      }
    }
  }
}
