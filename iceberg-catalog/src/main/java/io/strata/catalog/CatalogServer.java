package io.strata.catalog;

import static java.util.Objects.requireNonNull;

import java.net.BindException;
import java.net.URI;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Iceberg REST catalog service: Iceberg's {@code CatalogHandlers} over a {@link JdbcCatalog},
 * served by Jetty on 127.0.0.1. Start-up binds the port, opens the JDBC store, creates
 * {@code strata.events} if it is absent, then starts serving.
 */
public final class CatalogServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogServer.class);
  private static final String HOST = "127.0.0.1";

  private final Server jetty;
  private final JdbcCatalog catalog;
  private final URI uri;

  private CatalogServer(Server jetty, JdbcCatalog catalog, URI uri) {
    this.jetty = jetty;
    this.catalog = catalog;
    this.uri = uri;
  }

  /**
   * Starts the service. Fails with {@link IllegalStateException} naming {@code strata.catalog.port}
   * when the port is taken and {@code strata.catalog.jdbc-url} when the database cannot be opened.
   */
  public static CatalogServer start(CatalogConfig config) {
    requireNonNull(config, "config is null");
    Server jetty = new Server(threadPool());
    ServerConnector connector =
        new ServerConnector(jetty, new HttpConnectionFactory(httpConfig()));
    connector.setHost(HOST);
    connector.setPort(config.port());
    jetty.addConnector(connector);
    bind(connector, config.port()); // first, so a taken port fails before the database is touched
    JdbcCatalog catalog;
    try {
      catalog = JdbcCatalogBackend.open(config);
    } catch (RuntimeException e) {
      stopQuietly(jetty);
      throw e;
    }
    try {
      LakeBootstrap.ensureEventsTable(catalog, config.warehouse());
      RestRouter router =
          new RestRouter(CatalogRoutes.of(catalog, JdbcCatalogBackend.fileIoProperties(config)));
      jetty.setHandler(new RestHandler(router, new BearerTokenCheck(config.token())));
      jetty.start();
    } catch (Exception e) {
      stopQuietly(jetty);
      catalog.close();
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(
          "cannot start the catalog's HTTP server: " + e.getMessage(), e);
    }
    URI uri = URI.create("http://" + HOST + ":" + connector.getLocalPort());
    LOG.info(
        "Iceberg REST catalog listening on {} (catalog '{}' on {}, bearer token {})",
        uri,
        config.catalogName(),
        config.redactedJdbcUrl(),
        config.token().isPresent() ? "required" : "not required");
    return new CatalogServer(jetty, catalog, uri);
  }

  /** Where clients reach the catalog, such as {@code http://127.0.0.1:8181}. */
  public URI uri() {
    return uri;
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    jetty.join();
  }

  @Override
  public void close() throws Exception {
    try {
      jetty.stop();
    } finally {
      catalog.close();
      LOG.info("Iceberg REST catalog on {} stopped", uri);
    }
  }

  private static HttpConfiguration httpConfig() {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    // Iceberg encodes the namespace separator as %1F and names may hold an encoded '/'. Routing
    // works on the still-encoded path segments, so neither is ambiguous here.
    http.setUriCompliance(
        UriCompliance.DEFAULT.with(
            "iceberg-rest",
            UriCompliance.Violation.SUSPICIOUS_PATH_CHARACTERS,
            UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
    return http;
  }

  private static QueuedThreadPool threadPool() {
    QueuedThreadPool pool = new QueuedThreadPool(64, 4);
    pool.setName("strata-catalog");
    return pool;
  }

  private static void bind(ServerConnector connector, int port) {
    try {
      connector.open();
    } catch (Exception e) {
      closeQuietly(connector);
      if (hasCause(e, BindException.class)) {
        throw new IllegalStateException(
            CatalogConfig.PORT + ": port " + port + " on " + HOST + " is already in use", e);
      }
      throw new IllegalStateException(
          CatalogConfig.PORT + ": cannot listen on " + HOST + ":" + port + ": " + e.getMessage(),
          e);
    }
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  private static void closeQuietly(ServerConnector connector) {
    try {
      connector.close();
    } catch (RuntimeException e) {
      LOG.debug("closing a connector that failed to open", e);
    }
  }

  private static void stopQuietly(Server jetty) {
    try {
      jetty.stop();
    } catch (Exception e) {
      LOG.debug("stopping a server that failed to start", e);
    }
    for (Connector connector : jetty.getConnectors()) {
      if (connector instanceof ServerConnector serverConnector) {
        closeQuietly(serverConnector); // opened by bind() even when the server never started
      }
    }
  }
}
