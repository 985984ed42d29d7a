package io.strata.catalog;

import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the namespace {@code strata} and the table {@code strata.events} if they are absent. */
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
}
