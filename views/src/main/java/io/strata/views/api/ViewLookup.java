package io.strata.views.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.views.api.LookupHandler.Answer;
import io.strata.views.catalog.LiveProjections;
import io.strata.views.definition.ProjectionDefinition;
import io.strata.views.store.StoredView;
import io.strata.views.store.ViewAddress;
import io.strata.views.store.ViewStore;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * {@code GET /v1/views/{projection}/{key}}: the view of {@code key} in the projection's live version, for
 * the tenant of the bearer token. The key is everything after the projection, percent-decoded: it may
 * hold slashes. 200 with the view; 404 when the projection or the view is unknown (a view of another
 * tenant is never reachable, whatever the key holds, and is answered the same as an absent one); 400 for
 * a malformed request; 503 while the projection has no live version. The live version is read from the
 * catalog at most once a second ({@link LiveProjections}): a switch reaches every request within a second.
 */
final class ViewLookup {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

  private final LiveProjections live;
  private final ViewStore store;

  ViewLookup(LiveProjections live, ViewStore store) {
    this.live = live;
    this.store = store;
  }

  CompletableFuture<Answer> answer(Request request, String rest, String tenant) {
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      return now(Answer.error(400, "a lookup is GET /v1/views/{projection}/{key}", ""));
    }
    String name;
    String key;
    try {
      name = PercentDecoding.decode(rest.substring(0, slash));
      key = PercentDecoding.decode(rest.substring(slash + 1));
    } catch (IllegalArgumentException e) {
      return now(Answer.error(400, e.getMessage(), ""));
    }
    Optional<LiveProjections.Live> version = live.live(name);
    if (version.isEmpty()) {
      return now(live.known(name)
          ? Answer.error(503, "projection '" + name + "' has no live version yet", name)
          : Answer.error(404, "no projection named '" + name + "'", name));
    }
    ProjectionDefinition p = version.get().definition();
    Integer limit;
    try {
      limit = limit(request, p);
    } catch (IllegalArgumentException e) {
      return now(Answer.error(400, e.getMessage(), name));
    }
    int v = version.get().version();
    Integer lim = limit;
    return store.getAsync(new ViewAddress(name, v, tenant, key)).thenApply(view -> view.isEmpty()
        ? Answer.error(404, "no view '" + key + "' in projection '" + name + "'", name)
        : new Answer(200, render(p, v, key, view.get(), lim), name));
  }

  private static CompletableFuture<Answer> now(Answer answer) {
    return CompletableFuture.completedFuture(answer);
  }

  /**
   * The answer around the stored view's bytes, without parsing them: the view was written by the fold as
   * compact JSON, and the rest is what {@link #render} would write.
   */
  private static String spliced(ProjectionDefinition p, int version, String key, StoredView view) {
    StringBuilder body = new StringBuilder(96 + key.length() + view.document().length);
    body.append("{\"projection\":\"");
    ENCODER.quoteAsString(p.name(), body);
    body.append("\",\"version\":").append(version).append(",\"key\":\"");
    ENCODER.quoteAsString(key, body);
    body.append("\",\"revision\":").append(view.revision())
        .append(",\"updated_at\":\"").append(Instant.ofEpochMilli(view.updatedAtMillis())).append("\",\"view\":")
        .append(new String(view.document(), UTF_8)).append('}');
    return body.toString();
  }

  private static Integer limit(Request request, ProjectionDefinition p) {
    if (request.getHttpURI().getQuery() == null) {
      return null;
    }
    Fields query = Request.extractQueryParameters(request, UTF_8);
    for (Fields.Field field : query) {
      if (!field.getName().equals("limit")) {
        throw new IllegalArgumentException("unknown query parameter '" + field.getName() + "'");
      }
    }
    String text = query.getValue("limit");
    if (text == null) {
      return null;
    }
    if (!p.fold().takesLimit()) {
      throw new IllegalArgumentException("projection '" + p.name() + "' (" + p.foldName() + ") takes no limit");
    }
    try {
      int n = Integer.parseInt(text);
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("limit must be a whole number of at least 1, got '" + text + "'");
    }
  }

  private static String render(ProjectionDefinition p, int version, String key, StoredView view, Integer limit) {
    if (p.fold().rendersStoredView(limit)) {
      return spliced(p, version, key, view);
    }
    try {
      ObjectNode body = JSON.createObjectNode();
      body.put("projection", p.name());
      body.put("version", version);
      body.put("key", key);
      body.put("revision", view.revision());
      body.put("updated_at", Instant.ofEpochMilli(view.updatedAtMillis()).toString());
      body.set("view", p.fold().render((ObjectNode) JSON.readTree(view.document()), limit));
      return body.toString();
    } catch (IOException e) {
      return LookupHandler.error(500, "the stored view of '" + key + "' is not JSON");
    }
  }
}
