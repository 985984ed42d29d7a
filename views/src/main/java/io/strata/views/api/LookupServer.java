package io.strata.views.api;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.net.URI;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lookup API over HTTP on 127.0.0.1 (Jetty): {@code GET /v1/views/{projection}/{key}} and
 * {@code GET /v1/projections}; see {@link LookupHandler}.
 */
public final class LookupServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LookupServer.class);

  private final Server server;
  private final ServerConnector connector;

  private LookupServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  public static LookupServer start(String host, int port, LookupHandler handler) throws Exception {
    requireNonNull(handler, "handler is null");
    QueuedThreadPool threads = new QueuedThreadPool(32, 4);
    threads.setName("strata-lookup");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    // A key is data, whatever it holds: encoded slashes and dots reach the handler, which decodes the key
    // itself, instead of Jetty refusing the request with its own (HTML) 400.
    http.setUriCompliance(
        UriCompliance.DEFAULT.with(
            "strata-lookup",
            UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
            UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING,
            UriCompliance.Violation.AMBIGUOUS_PATH_SEGMENT,
            UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT,
            UriCompliance.Violation.SUSPICIOUS_PATH_CHARACTERS));
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(handler);
    server.setErrorHandler(new JsonErrorHandler());
    server.start();
    LOG.info("lookup API on http://{}:{}/v1/views", host, connector.getLocalPort());
    return new LookupServer(server, connector);
  }

  public URI uri() {
    return URI.create("http://" + connector.getHost() + ":" + connector.getLocalPort());
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
