package io.strata.views.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.strata.views.catalog.CatalogEntry;
import io.strata.views.catalog.LiveProjections;
import io.strata.views.catalog.ProjectionCatalog;
import io.strata.views.catalog.VersionEntry;
import io.strata.views.definition.ProjectionFile;
import io.strata.views.definition.ProjectionDefinition;
import io.strata.views.definition.ProjectionFiles;
import io.strata.views.fold.FoldRegistry;
import io.strata.views.store.EmbeddedViewStore;
import io.strata.views.store.StoredView;
import io.strata.views.store.ViewAddress;
import io.strata.views.store.ViewWrite;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lookup API over real HTTP, on the embedded store: every answer, and tenant isolation. */
class LookupApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACME = "acme-token-0123456789";
  private static final String GLOBEX = "globex-token-0123456789";
  private static final String ADMIN = "admin-token-0123456789";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final TestingProjectionService SERVICE = new TestingProjectionService();

  @TempDir static Path dir;
  private static EmbeddedViewStore store;
  private static LookupServer server;

  @BeforeAll
  static void start() throws Exception {
    List<ProjectionFile> projections = ProjectionFiles.loadFiles(Path.of("../projections"), FoldRegistry.standard());
    store = EmbeddedViewStore.open(dir.resolve("views"));
    ProjectionCatalog catalog = new ProjectionCatalog(store);
    Map<String, ProjectionDefinition> byName = new TreeMap<>();
    for (ProjectionFile p : projections) {
      catalog.put(p.definition().name(), CatalogEntry.empty().with(1, VersionEntry.building(p.text(), Instant.EPOCH)).switchLive(1, Instant.EPOCH));
      byName.put(p.definition().name(), p.definition());
    }
    // A projection whose first version is still being built: no live version yet.
    catalog.put("fresh", CatalogEntry.empty().with(1, VersionEntry.building(
        "name: fresh\nversion: 1\nkey: entity\nfold: latest-state\n", Instant.EPOCH)));
    long day = 86_400_000L;
    store.putIfNewer(List.of(
        write("entity-state", "acme", "order-1", "{\"state\":{\"status\":\"shipped\"},\"events\":2}", 2, day),
        write("entity-state", "globex", "order-1", "{\"state\":{\"secret\":\"globex only\"},\"events\":1}", 1, day),
        write("entity-state", "acme", "a/b:c%d", "{\"state\":{\"odd\":true},\"events\":1}", 1, day),
        write("entity-state", "acme", "say \"hi\" \u00fc\\", "{\"state\":{\"quoted\":true},\"events\":1}", 1, day),
        write("entity-timeline", "acme", "order-1",
            "{\"events\":[{\"event_id\":\"e3\"},{\"event_id\":\"e2\"},{\"event_id\":\"e1\"}],\"total\":3}", 3, day),
        write("events-per-minute", "acme", "order.placed/2026-12-01T10:15Z", "{\"count\":7}", 7, day)));
    server =
        LookupServer.start("127.0.0.1", 0,
            new LookupHandler(new LiveProjections(catalog, FoldRegistry.standard(), byName, 1_000, System::currentTimeMillis),
                store, TenantTokens.parse("strata.views.tokens", ACME + "=acme," + GLOBEX + "=globex"), Optional.of(ADMIN),
                SERVICE));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (store != null) {
      store.close();
    }
  }

  private static ViewWrite write(String projection, String tenant, String key, String json, long revision, long ttl) {
    return new ViewWrite(new ViewAddress(projection, 1, tenant, key),
        new StoredView(revision, 1_764_583_200_000L, 1_764_583_199_000L, json.getBytes(UTF_8)), ttl);
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.uri() + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.uri() + path)).POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    return JSON.readTree(response.body());
  }

  /** A lookup that must answer 200, and its JSON. */
  private static JsonNode ok(String path, String token) throws Exception {
    HttpResponse<String> response = get(path, token);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return json(response);
  }

  @Test
  void aViewOfTheTokensTenant() throws Exception {
    JsonNode body = ok("/v1/views/entity-state/order-1", ACME);
    assertThat(body.get("projection").asText()).isEqualTo("entity-state");
    assertThat(body.get("version").asInt()).isEqualTo(1);
    assertThat(body.get("key").asText()).isEqualTo("order-1");
    assertThat(body.get("revision").asLong()).isEqualTo(2);
    assertThat(body.get("updated_at").asText()).isEqualTo("2025-12-01T10:00:00Z");
    assertThat(body.at("/view/state/status").asText()).isEqualTo("shipped");
  }

  @Test
  void theSameKeyReadsEachTenantsOwnView() throws Exception {
    assertThat(json(get("/v1/views/entity-state/order-1", GLOBEX)).at("/view/state/secret").asText()).isEqualTo("globex only");
    assertThat(get("/v1/views/entity-state/order-1", ACME).body()).doesNotContain("globex only");
  }

  @Test
  void craftedKeysNeverReachAnotherTenant() throws Exception {
    for (String crafted : new String[] {
        "globex:order-1", "globex%3Aorder-1", "..%2Fglobex%2Forder-1", "../globex/order-1", "order-1%00globex",
        "%2e%2e/globex/order-1", "order-1/../../entity-state/order-1", "*", "order-*"}) {
      HttpResponse<String> response = get("/v1/views/entity-state/" + crafted, ACME);
      assertThat(response.statusCode()).as(crafted).isIn(400, 404);
      assertThat(response.body()).as(crafted).doesNotContain("globex only");
      json(response);
    }
  }

  @Test
  void keysMayHoldSlashesColonsAndPercentSigns() throws Exception {
    assertThat(ok("/v1/views/entity-state/a%2Fb%3Ac%25d", ACME).get("key").asText()).isEqualTo("a/b:c%d");
    assertThat(ok("/v1/views/events-per-minute/order.placed/2026-12-01T10:15Z", ACME).at("/view/count").asLong()).isEqualTo(7);
  }

  @Test
  void aKeyWithQuotesBackslashesAndNonAsciiComesBackAsJsonText() throws Exception {
    JsonNode body = ok("/v1/views/entity-state/say%20%22hi%22%20%C3%BC%5C", ACME);
    assertThat(body.get("key").asText()).isEqualTo("say \"hi\" \u00fc\\");
    assertThat(body.at("/view/state/quoted").asBoolean()).isTrue();
    assertThat(body.get("revision").asLong()).isEqualTo(1);
  }

  @Test
  void timelinesTakeALimit() throws Exception {
    JsonNode two = json(get("/v1/views/entity-timeline/order-1?limit=2", ACME));
    assertThat(two.at("/view/events")).hasSize(2);
    assertThat(two.at("/view/events/0/event_id").asText()).isEqualTo("e3");
    assertThat(two.at("/view/total").asLong()).isEqualTo(3);
    assertThat(json(get("/v1/views/entity-timeline/order-1", ACME)).at("/view/events")).hasSize(3);
  }

  @Test
  void everyErrorHasItsStatusAndAJsonMessage() throws Exception {
    expect(get("/v1/views/entity-state/order-1", null), 401, "a bearer token is required (Authorization: Bearer <token>)");
    expect(get("/v1/views/entity-state/order-1", "not-a-known-token-0000"), 401, "the bearer token is not known");
    expect(get("/v1/views/no-such-projection/order-1", ACME), 404, "no projection named 'no-such-projection'");
    expect(get("/v1/views/entity-state/nobody", ACME), 404, "no view 'nobody' in projection 'entity-state'");
    expect(get("/v1/views/entity-state/order-1", GLOBEX.replace("globex", "initech")), 401, "the bearer token is not known");
    expect(get("/v1/views/entity-state", ACME), 400, "a lookup is GET /v1/views/{projection}/{key}");
    expect(get("/v1/views/entity-state/", ACME), 400, "a lookup is GET /v1/views/{projection}/{key}");
    expect(get("/v1/views/entity-state/order-1?limit=2", ACME), 400, "projection 'entity-state' (latest-state) takes no limit");
    expect(get("/v1/views/entity-timeline/order-1?limit=zero", ACME), 400, "limit must be a whole number of at least 1, got 'zero'");
    expect(get("/v1/views/entity-timeline/order-1?limit=0", ACME), 400, "limit must be a whole number of at least 1, got '0'");
    expect(get("/v1/views/entity-timeline/order-1?colour=red", ACME), 400, "unknown query parameter 'colour'");
    expect(get("/v2/anything", ACME), 404, "no such endpoint: GET /v2/anything");
    HttpResponse<String> post =
        HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + "/v1/views/entity-state/order-1"))
            .header("Authorization", "Bearer " + ACME).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
            HttpResponse.BodyHandlers.ofString());
    expect(post, 405, "only GET is served, got POST");
  }

  @Test
  void aRequestJettyCannotParseStillGetsJson() throws Exception {
    assertThat(raw("GET /v1/views/x/y HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"))
        .startsWith("HTTP/1.1 400").contains("application/json").contains("\"code\":400");
    // A malformed escape no HTTP client would send.
    assertThat(raw("GET /v1/views/entity-state/bad%zzescape HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ACME
            + "\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 400").contains("application/json").contains("\"code\":400");
  }

  private static String raw(String request) throws Exception {
    try (Socket socket = new Socket(server.address().getHostString(), server.address().getPort())) {
      socket.getOutputStream().write(request.getBytes(UTF_8));
      return new String(socket.getInputStream().readAllBytes(), UTF_8);
    }
  }

  @Test
  void projectionsAreListedAndDescribedToAnyKnownToken() throws Exception {
    JsonNode list = json(get("/v1/projections", ACME)).get("projections");
    assertThat(list).extracting(p -> p.get("name").asText()).containsExactly("entity-state", "fresh");
    assertThat(list.get(0).get("live_version").asInt()).isEqualTo(1);
    assertThat(list.get(0).get("state").asText()).isEqualTo("live");
    assertThat(list.get(0).get("lag_records").asLong()).isZero();
    assertThat(list.get(0).at("/versions/1/state").asText()).isEqualTo("live");
    assertThat(list.get(1).get("live_version").isNull()).isTrue();
    assertThat(json(get("/v1/projections/fresh", ADMIN)).at("/rebuild/phase").asText()).isEqualTo("reading history");
    expect(get("/v1/projections/nothing-here", GLOBEX), 404, "no projection named 'nothing-here'");
  }

  @Test
  void aRebuildTakesTheAdminToken() throws Exception {
    HttpResponse<String> accepted = post("/v1/projections/entity-state/rebuild", ADMIN);
    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(json(accepted).get("state").asText()).isEqualTo("rebuilding");
    assertThat(SERVICE.rebuilt).containsExactly("entity-state");

    expect(post("/v1/projections/entity-state/rebuild", ACME), 403,
        "rebuilding a projection takes the admin token (strata.views.admin-token)");
    expect(post("/v1/projections/entity-state/rebuild", null), 401, "a bearer token is required (Authorization: Bearer <token>)");
    expect(post("/v1/projections/no-such/rebuild", ADMIN), 404, "no projection named 'no-such' in projections");
    expect(post("/v1/projections/entity-state/rebuild", ADMIN), 409, "version 2 of projection 'entity-state' is being built (building): wait for it to go live");
    expect(get("/v1/projections/entity-state/rebuild", ADMIN), 405, "a rebuild is POST /v1/projections/{name}/rebuild, got GET");
    expect(get("/v1/views/entity-state/order-1", ADMIN), 403, "the admin token reads no views: a lookup takes a tenant's token");
    assertThat(SERVICE.rebuilt).containsExactly("entity-state", "entity-state");
  }

  @Test
  void aProjectionWithoutALiveVersionAnswers503() throws Exception {
    expect(get("/v1/views/fresh/order-1", ACME), 503, "projection 'fresh' has no live version yet");
  }

  @Test
  void latencyIsRecordedByProjectionAndStatus() throws Exception {
    get("/v1/views/entity-state/order-1", ACME);
    get("/v1/views/entity-state/nobody", ACME);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PrometheusTextFormatWriter(false).write(out, PrometheusRegistry.defaultRegistry.scrape());
    String text = out.toString(UTF_8);
    assertThat(text).contains("strata_lookup_request_seconds_count{projection=\"entity-state\",status=\"200\"}")
        .contains("strata_lookup_request_seconds_count{projection=\"entity-state\",status=\"404\"}");
  }

  private static void expect(HttpResponse<String> response, int status, String message) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = json(response);
    assertThat(body.at("/error/code").asInt()).isEqualTo(status);
    assertThat(body.at("/error/message").asText()).isEqualTo(message);
  }
}
