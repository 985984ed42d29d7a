package io.strata.catalog;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.rest.CatalogHandlers;
import org.apache.iceberg.rest.Endpoint;
import org.apache.iceberg.rest.RESTCatalogProperties.SnapshotMode;
import org.apache.iceberg.rest.RESTUtil;
import org.apache.iceberg.rest.requests.CommitTransactionRequest;
import org.apache.iceberg.rest.requests.CreateNamespaceRequest;
import org.apache.iceberg.rest.requests.CreateTableRequest;
import org.apache.iceberg.rest.requests.CreateViewRequest;
import org.apache.iceberg.rest.requests.RegisterTableRequest;
import org.apache.iceberg.rest.requests.RegisterViewRequest;
import org.apache.iceberg.rest.requests.RenameTableRequest;
import org.apache.iceberg.rest.requests.ReportMetricsRequest;
import org.apache.iceberg.rest.requests.UpdateNamespacePropertiesRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;
import org.apache.iceberg.rest.responses.ConfigResponse;
import org.apache.iceberg.rest.responses.LoadTableResponse;
import org.apache.iceberg.rest.responses.LoadViewResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route table of the REST catalog: each Iceberg endpoint mapped to Iceberg's own
 * {@link CatalogHandlers} over the JDBC catalog. Handlers return the response object, or null for
 * 204 No Content.
 */
final class CatalogRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogRoutes.class);

  static final Endpoint CONFIG = Endpoint.create("GET", "/v1/config");

  private final JdbcCatalog catalog;
  private final Map<String, String> clientOverrides;

  private CatalogRoutes(JdbcCatalog catalog, Map<String, String> clientOverrides) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.clientOverrides = Map.copyOf(requireNonNull(clientOverrides, "clientOverrides is null"));
  }

  /** All routes; {@code clientOverrides} are the FileIO settings /v1/config hands to clients. */
  static List<Route> of(JdbcCatalog catalog, Map<String, String> clientOverrides) {
    CatalogRoutes r = new CatalogRoutes(catalog, clientOverrides);
    List<Route> operations =
        List.of(
            // namespaces
            new Route(Endpoint.V1_LIST_NAMESPACES, r::listNamespaces),
            new Route(Endpoint.V1_CREATE_NAMESPACE, r::createNamespace),
            new Route(Endpoint.V1_LOAD_NAMESPACE, r::loadNamespace),
            new Route(Endpoint.V1_NAMESPACE_EXISTS, r::namespaceExists),
            new Route(Endpoint.V1_DELETE_NAMESPACE, r::dropNamespace),
            new Route(Endpoint.V1_UPDATE_NAMESPACE, r::updateNamespace),
            // tables
            new Route(Endpoint.V1_LIST_TABLES, r::listTables),
            new Route(Endpoint.V1_CREATE_TABLE, r::createTable),
            new Route(Endpoint.V1_LOAD_TABLE, r::loadTable),
            new Route(Endpoint.V1_TABLE_EXISTS, r::tableExists),
            new Route(Endpoint.V1_UPDATE_TABLE, r::updateTable),
            new Route(Endpoint.V1_DELETE_TABLE, r::dropTable),
            new Route(Endpoint.V1_RENAME_TABLE, r::renameTable),
            new Route(Endpoint.V1_REGISTER_TABLE, r::registerTable),
            new Route(Endpoint.V1_REPORT_METRICS, r::reportMetrics),
            new Route(Endpoint.V1_COMMIT_TRANSACTION, r::commitTransaction),
            // views, which Trino creates
            new Route(Endpoint.V1_LIST_VIEWS, r::listViews),
            new Route(Endpoint.V1_CREATE_VIEW, r::createView),
            new Route(Endpoint.V1_LOAD_VIEW, r::loadView),
            new Route(Endpoint.V1_VIEW_EXISTS, r::viewExists),
            new Route(Endpoint.V1_UPDATE_VIEW, r::updateView),
            new Route(Endpoint.V1_DELETE_VIEW, r::dropView),
            new Route(Endpoint.V1_RENAME_VIEW, r::renameView),
            new Route(Endpoint.V1_REGISTER_VIEW, r::registerView));
    ConfigResponse config = r.config(operations.stream().map(Route::endpoint).toList());
    List<Route> routes = new ArrayList<>();
    routes.add(new Route(CONFIG, request -> config));
    routes.addAll(operations);
    return List.copyOf(routes);
  }

  /** Advertises the endpoints (so clients know views are served) and the FileIO settings. */
  private ConfigResponse config(List<Endpoint> endpoints) {
    // Handing storage credentials to every client is a local-stack convenience: one S3 key pair
    // serves the whole embedded stack. A shared deployment would vend scoped credentials instead.
    // Iceberg's builders probe maps for null keys, which Map.of/copyOf reject: pass HashMaps.
    return ConfigResponse.builder()
        .withDefaults(new HashMap<>())
        .withOverrides(new HashMap<>(clientOverrides))
        .withEndpoints(endpoints)
        .build();
  }

  // namespaces

  private Object listNamespaces(RestRequest request) {
    Namespace parent =
        request.queryParameter("parent")
            .map(RESTUtil::namespaceFromQueryParam)
            .orElse(Namespace.empty());
    Optional<String> pageSize = request.queryParameter("pageSize");
    return pageSize.isPresent()
        ? CatalogHandlers.listNamespaces(
            catalog, parent, request.queryParameter("pageToken").orElse(null), pageSize.get())
        : CatalogHandlers.listNamespaces(catalog, parent);
  }

  private Object createNamespace(RestRequest request) throws Exception {
    var response =
        CatalogHandlers.createNamespace(catalog, request.body(CreateNamespaceRequest.class));
    LOG.info("created namespace {}", response.namespace());
    return response;
  }

  private Object loadNamespace(RestRequest request) {
    return CatalogHandlers.loadNamespace(catalog, request.namespace());
  }

  private Object namespaceExists(RestRequest request) {
    CatalogHandlers.namespaceExists(catalog, request.namespace());
    return null;
  }

  private Object dropNamespace(RestRequest request) {
    CatalogHandlers.dropNamespace(catalog, request.namespace());
    LOG.info("dropped namespace {}", request.namespace());
    return null;
  }

  private Object updateNamespace(RestRequest request) throws Exception {
    return CatalogHandlers.updateNamespaceProperties(
        catalog, request.namespace(), request.body(UpdateNamespacePropertiesRequest.class));
  }

  // tables

  private Object listTables(RestRequest request) {
    Optional<String> pageSize = request.queryParameter("pageSize");
    return pageSize.isPresent()
        ? CatalogHandlers.listTables(
            catalog,
            request.namespace(),
            request.queryParameter("pageToken").orElse(null),
            pageSize.get())
        : CatalogHandlers.listTables(catalog, request.namespace());
  }

  private Object createTable(RestRequest request) throws Exception {
    CreateTableRequest create = request.body(CreateTableRequest.class);
    if (create.stageCreate()) {
      return CatalogHandlers.stageTableCreate(catalog, request.namespace(), create);
    }
    LoadTableResponse response = CatalogHandlers.createTable(catalog, request.namespace(), create);
    LOG.info(
        "created table {}: {}",
        TableIdentifier.of(request.namespace(), create.name()),
        response.metadataLocation());
    return response;
  }

  private Object loadTable(RestRequest request) {
    Optional<String> snapshots = request.queryParameter("snapshots");
    if (snapshots.isEmpty()) {
      return CatalogHandlers.loadTable(catalog, request.table());
    }
    SnapshotMode mode;
    try {
      mode = SnapshotMode.valueOf(snapshots.get().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "query parameter snapshots must be 'all' or 'refs', got '" + snapshots.get() + "'");
    }
    return CatalogHandlers.loadTable(catalog, request.table(), mode);
  }

  private Object tableExists(RestRequest request) {
    CatalogHandlers.tableExists(catalog, request.table());
    return null;
  }

  private Object updateTable(RestRequest request) throws Exception {
    TableIdentifier table = request.table();
    LoadTableResponse response =
        CatalogHandlers.updateTable(catalog, table, request.body(UpdateTableRequest.class));
    LOG.info("committed table {}: {}", table, response.metadataLocation());
    return response;
  }

  private Object dropTable(RestRequest request) {
    boolean purge =
        Boolean.parseBoolean(request.queryParameter("purgeRequested").orElse("false"));
    if (purge) {
      CatalogHandlers.purgeTable(catalog, request.table());
    } else {
      CatalogHandlers.dropTable(catalog, request.table());
    }
    LOG.info("dropped table {}{}", request.table(), purge ? " and purged its files" : "");
    return null;
  }

  private Object renameTable(RestRequest request) throws Exception {
    RenameTableRequest rename = request.body(RenameTableRequest.class);
    CatalogHandlers.renameTable(catalog, rename);
    LOG.info("renamed table {} to {}", rename.source(), rename.destination());
    return null;
  }

  private Object registerTable(RestRequest request) throws Exception {
    LoadTableResponse response =
        CatalogHandlers.registerTable(
            catalog, request.namespace(), request.body(RegisterTableRequest.class));
    LOG.info("registered table in {}: {}", request.namespace(), response.metadataLocation());
    return response;
  }

  private Object reportMetrics(RestRequest request) throws Exception {
    request.body(ReportMetricsRequest.class); // accepted and dropped: clients report after scans
    return null;
  }

  private Object commitTransaction(RestRequest request) throws Exception {
    TransactionCommitter.commit(catalog, request.body(CommitTransactionRequest.class));
    return null;
  }

  // views

  private Object listViews(RestRequest request) {
    Optional<String> pageSize = request.queryParameter("pageSize");
    return pageSize.isPresent()
        ? CatalogHandlers.listViews(
            catalog,
            request.namespace(),
            request.queryParameter("pageToken").orElse(null),
            pageSize.get())
        : CatalogHandlers.listViews(catalog, request.namespace());
  }

  private Object createView(RestRequest request) throws Exception {
    CreateViewRequest create = request.body(CreateViewRequest.class);
    LoadViewResponse response = CatalogHandlers.createView(catalog, request.namespace(), create);
    LOG.info(
        "created view {}: {}",
        TableIdentifier.of(request.namespace(), create.name()),
        response.metadataLocation());
    return response;
  }

  private Object loadView(RestRequest request) {
    return CatalogHandlers.loadView(catalog, request.view());
  }

  private Object viewExists(RestRequest request) {
    CatalogHandlers.viewExists(catalog, request.view());
    return null;
  }

  private Object updateView(RestRequest request) throws Exception {
    LoadViewResponse response =
        CatalogHandlers.updateView(catalog, request.view(), request.body(UpdateTableRequest.class));
    LOG.info("committed view {}: {}", request.view(), response.metadataLocation());
    return response;
  }

  private Object dropView(RestRequest request) {
    CatalogHandlers.dropView(catalog, request.view());
    LOG.info("dropped view {}", request.view());
    return null;
  }

  private Object renameView(RestRequest request) throws Exception {
    RenameTableRequest rename = request.body(RenameTableRequest.class);
    CatalogHandlers.renameView(catalog, rename);
    LOG.info("renamed view {} to {}", rename.source(), rename.destination());
    return null;
  }

  private Object registerView(RestRequest request) throws Exception {
    LoadViewResponse response =
        CatalogHandlers.registerView(
            catalog, request.namespace(), request.body(RegisterViewRequest.class));
    LOG.info("registered view in {}: {}", request.namespace(), response.metadataLocation());
    return response;
  }
}
