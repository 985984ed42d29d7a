package io.strata.views.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prometheus.metrics.core.metrics.Histogram;
import io.strata.views.catalog.LiveProjections;
import io.strata.views.store.ViewStore;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

/**
 * The lookup API's routes, every answer JSON:
 *
 * <ul>
 *   <li>{@code GET /v1/views/{projection}/{key}} (timelines take {@code ?limit=}): a view of the
 *       projection's live version, for the tenant of the bearer token ({@link ViewLookup}).
 *   <li>{@code GET /v1/projections}, {@code GET /v1/projections/{name}}: each projection with its
 *       versions, state, lag, last update and the rebuild in progress; any known token.
 *   <li>{@code POST /v1/projections/{name}/rebuild}: builds the version the projection's file defines
 *       now beside the live one, then switches lookups to it; the admin token only. 202 with the status.
 * </ul>
 *
 * 401 without a known token, 403 for a token that may not do what it asks, each with
 * {@code {"error":{"code":...,"message":"..."}}}. Request latency by projection and status:
 * {@code strata_lookup_request_seconds}.
 *
 * <p>Lookups never block the thread that selects for connections: against the embedded store a read is
 * a local RocksDB get, answered at once on that thread (which saves a hand-off to a pool thread per
 * request: 42,000 against 24,000 lookups/s); against Redis the read is handed to the store, which
 * pipelines whatever reads are waiting in one round trip, and the response is written when it answers.
 * The projection routes (rarely called, and reading the stack's metrics) run on Jetty's pool.
 */
public final class LookupHandler extends Handler.Abstract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VIEWS = "/v1/views/";
  private static final String PROJECTIONS = "/v1/projections";
  private static final Histogram LATENCY =
      Histogram.builder()
          .name("strata_lookup_request_seconds")
          .help("Lookup API requests by projection and HTTP status")
          .labelNames("projection", "status")
          .classicUpperBounds(0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1)
          .register();

  /** An answer: status, JSON body, and the projection it was about (a metric label; empty for none). */
  record Answer(int status, String body, String projection) {
    static Answer error(int status, String message, String projection) {
      return new Answer(status, LookupHandler.error(status, message), projection);
    }
  }

  private final ViewLookup lookups;
  private final TenantTokens tokens;
  private final Optional<String> adminToken;
  private final ProjectionService projections;

  public LookupHandler(
      LiveProjections live, ViewStore store, TenantTokens tokens, Optional<String> adminToken, ProjectionService projections) {
    super(InvocationType.NON_BLOCKING);
    this.lookups = new ViewLookup(requireNonNull(live, "live is null"), requireNonNull(store, "store is null"));
    this.tokens = requireNonNull(tokens, "tokens is null");
    this.adminToken = requireNonNull(adminToken, "adminToken is null");
    this.projections = requireNonNull(projections, "projections is null");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long started = System.nanoTime();
    String path = request.getHttpURI().getPath();
    if (path.equals(PROJECTIONS) || path.startsWith(PROJECTIONS + "/")) {
      getServer().getThreadPool().execute(() -> respond(response, callback, started, guarded(() -> answer(request, path))));
      return true;
    }
    CompletableFuture<Answer> answer;
    try {
      answer = answerLookup(request, path);
    } catch (RuntimeException e) {
      answer = CompletableFuture.completedFuture(failed(e));
    }
    answer.whenComplete((a, e) -> respond(response, callback, started, e == null ? a : failed(e)));
    return true;
  }

  private static Answer guarded(Supplier<Answer> answer) {
    try {
      return answer.get();
    } catch (RuntimeException e) {
      return failed(e);
    }
  }

  private static Answer failed(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof ProjectionServiceException p) {
      return Answer.error(p.status(), p.getMessage(), "");
    }
    return Answer.error(500, "the view store failed: " + cause.getMessage(), "");
  }

  private void respond(Response response, Callback callback, long started, Answer answer) {
    response.setStatus(answer.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    if (answer.status() == 401) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
    }
    // Observed before the write: once the client has the answer, its latency is in the metrics.
    LATENCY.labelValues(answer.projection(), Integer.toString(answer.status())).observe((System.nanoTime() - started) / 1e9);
    response.write(true, ByteBuffer.wrap(answer.body().getBytes(UTF_8)), callback);
  }

  /** A lookup (or any other route but the projections'): its answer now, or when the store answers. */
  private CompletableFuture<Answer> answerLookup(Request request, String path) {
    String method = request.getMethod();
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    Optional<String> tenant = tokens.tenantOf(authorization);
    if (tenant.isEmpty() && !isAdmin(authorization)) {
      return CompletableFuture.completedFuture(unauthorized(authorization));
    }
    if (!path.startsWith(VIEWS)) {
      return CompletableFuture.completedFuture(Answer.error(404, "no such endpoint: " + method + " " + path, ""));
    }
    if (!"GET".equals(method)) {
      return CompletableFuture.completedFuture(Answer.error(405, "only GET is served, got " + method, ""));
    }
    if (tenant.isEmpty()) {
      return CompletableFuture.completedFuture(Answer.error(403, "the admin token reads no views: a lookup takes a tenant's token", ""));
    }
    return lookups.answer(request, path.substring(VIEWS.length()), tenant.get());
  }

  private static Answer unauthorized(String authorization) {
    return Answer.error(401,
        authorization == null ? "a bearer token is required (Authorization: Bearer <token>)" : "the bearer token is not known", "");
  }

  /** The projection routes, on a pool thread. */
  private Answer answer(Request request, String path) {
    String method = request.getMethod();
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    boolean admin = isAdmin(authorization);
    Optional<String> tenant = tokens.tenantOf(authorization);
    if (tenant.isEmpty() && !admin) {
      return unauthorized(authorization);
    }
    return projectionRoute(method, path.substring(PROJECTIONS.length()), admin);
  }

  private Answer projectionRoute(String method, String rest, boolean admin) {
    if (rest.isEmpty() || rest.equals("/")) {
      if (!"GET".equals(method)) {
        return Answer.error(405, "GET /v1/projections lists the projections, got " + method, "");
      }
      ArrayNode list = JSON.createArrayNode();
      projections.list().forEach(p -> list.add(p.toJson()));
      ObjectNode body = JSON.createObjectNode();
      body.set("projections", list);
      return new Answer(200, body.toString(), "");
    }
    String[] parts = rest.substring(1).split("/", -1);
    String name;
    try {
      name = PercentDecoding.decode(parts[0]);
    } catch (IllegalArgumentException e) {
      return Answer.error(400, e.getMessage(), "");
    }
    if (parts.length == 1) {
      if (!"GET".equals(method)) {
        return Answer.error(405, "GET /v1/projections/{name} describes a projection, got " + method, name);
      }
      return projections.describe(name)
          .map(p -> new Answer(200, p.toJson().toString(), name))
          .orElseGet(() -> Answer.error(404, "no projection named '" + name + "'", name));
    }
    if (parts.length == 2 && parts[1].equals("rebuild")) {
      if (!"POST".equals(method)) {
        return Answer.error(405, "a rebuild is POST /v1/projections/{name}/rebuild, got " + method, name);
      }
      if (!admin) {
        return Answer.error(403, "rebuilding a projection takes the admin token (strata.views.admin-token)", name);
      }
      return new Answer(202, projections.rebuild(name).toJson().toString(), name);
    }
    return Answer.error(404, "no such endpoint: " + method + " " + PROJECTIONS + rest, name);
  }

  private boolean isAdmin(String authorization) {
    return adminToken.isPresent()
        && authorization != null
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        && java.security.MessageDigest.isEqual(
            authorization.substring(7).trim().getBytes(UTF_8), adminToken.get().getBytes(UTF_8));
  }

  /** {@code {"error":{"code":404,"message":"..."}}}. */
  static String error(int code, String message) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("code", code);
    error.put("message", message);
    return body.toString();
  }
}
