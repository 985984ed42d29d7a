package io.strata.launcher.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.strata.launcher.console.Progress;
import io.strata.views.api.LookupHandler;
import io.strata.views.api.LookupServer;
import io.strata.views.api.ProjectionService;
import io.strata.views.api.ProjectionServiceException;
import io.strata.views.api.ProjectionStatus;
import io.strata.views.api.TenantTokens;
import io.strata.views.catalog.CatalogEntry;
import io.strata.views.catalog.LiveProjections;
import io.strata.views.catalog.ProjectionCatalog;
import io.strata.views.catalog.VersionEntry;
import io.strata.views.definition.ProjectionDefinition;
import io.strata.views.definition.ProjectionFiles;
import io.strata.views.fold.FoldRegistry;
import io.strata.views.store.StoredView;
import io.strata.views.store.ViewAddress;
import io.strata.views.store.ViewStore;
import io.strata.views.store.ViewWrite;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Lookups through the real API against one view store: {@code keys} latest-state views of realistic size
 * spread over {@link #TENANTS} tenants, the lookup API on loopback, and {@link HttpLoad} asking for random
 * keys with each key's own tenant token. The views belong to a projection of the benchmark's own
 * ({@value #PROJECTION}), which is removed from the store afterwards.
 */
public final class LookupBenchmark {
  public static final String PROJECTION = "bench-lookup";
  static final int TENANTS = 10;
  private static final int BATCH = 1_000;

  /** One store's run: how long loading took and what the lookups measured. */
  public record Run(String store, long keys, double loadSeconds, HttpLoad.Result lookups) {}

  private LookupBenchmark() {}

  /** The benchmark's projection as a file would define it. */
  static final String DEFINITION =
      "name: " + PROJECTION + "\nversion: 1\ndescription: lookup benchmark views\nkey: entity\nfold: latest-state\nttl: 6h\n";

  public static ProjectionDefinition projection() {
    return ProjectionFiles.parse("(strata bench-lookup)", DEFINITION, FoldRegistry.standard());
  }

  public static Run run(String name, ViewStore store, long keys, int connections, long warmupMillis, long measureMillis)
      throws Exception {
    store.deleteVersion(PROJECTION, 1);
    long started = System.nanoTime();
    load(store, keys, name);
    double loadSeconds = (System.nanoTime() - started) / 1e9;
    ProjectionCatalog catalog = new ProjectionCatalog(store);
    catalog.put(PROJECTION, CatalogEntry.empty().with(1, VersionEntry.building(DEFINITION, Instant.now())).switchLive(1, Instant.now()));
    StringBuilder tokens = new StringBuilder();
    for (int t = 0; t < TENANTS; t++) {
      tokens.append(t == 0 ? "" : ",").append(token(t)).append('=').append(tenant(t));
    }
    LookupHandler handler =
        new LookupHandler(
            new LiveProjections(catalog, FoldRegistry.standard(), Map.of(PROJECTION, projection()), LiveProjections.MAX_AGE_MILLIS,
                System::currentTimeMillis),
            store, TenantTokens.parse("bench tokens", tokens.toString()), Optional.empty(), new NoProjections());
    HttpLoad.Result lookups;
    try (LookupServer server = LookupServer.start("127.0.0.1", 0, handler)) {
      System.err.printf(Locale.ROOT, "%s: lookups on %d connections for %.0f s (after %.0f s warm-up)%n",
          name, connections, measureMillis / 1000.0, warmupMillis / 1000.0);
      lookups =
          HttpLoad.run(server.address(), connections, warmupMillis, measureMillis, random -> {
            long key = random.nextLong(keys);
            return new HttpLoad.Request("/v1/views/" + PROJECTION + "/" + entity(key),
                "Authorization: Bearer " + token((int) (key % TENANTS)) + "\r\n");
          });
    } finally {
      store.deleteVersion(PROJECTION, 1);
    }
    if (lookups.notOk() > 0) {
      throw new IllegalStateException(lookups.notOk() + " lookups were not answered 200; the first: " + lookups.firstNotOk());
    }
    return new Run(name, keys, loadSeconds, lookups);
  }

  /** The benchmark serves lookups only: it lists and rebuilds nothing. */
  private static final class NoProjections implements ProjectionService {
    @Override
    public List<ProjectionStatus> list() {
      return List.of();
    }

    @Override
    public Optional<ProjectionStatus> describe(String name) {
      return Optional.empty();
    }

    @Override
    public ProjectionStatus rebuild(String name) {
      throw new ProjectionServiceException(404, "the lookup benchmark rebuilds nothing");
    }
  }

  private static void load(ViewStore store, long keys, String name) {
    Progress progress = new Progress("loading " + name, keys);
    SplittableRandom random = new SplittableRandom(42);
    long now = System.currentTimeMillis();
    List<ViewWrite> batch = new ArrayList<>(BATCH);
    for (long k = 0; k < keys; k++) {
      batch.add(new ViewWrite(new ViewAddress(PROJECTION, 1, tenant((int) (k % TENANTS)), entity(k)),
          new StoredView(1 + random.nextInt(20), now, now, document(k, random, now)), Duration.ofHours(6).toMillis()));
      if (batch.size() == BATCH || k == keys - 1) {
        store.putIfNewer(batch);
        batch.clear();
        progress.update(k + 1);
      }
    }
    progress.done(keys);
  }

  /** A latest-state view of the size the demo's entities have (about 250 bytes). */
  static byte[] document(long key, SplittableRandom random, long now) {
    String json = String.format(Locale.ROOT,
        "{\"state\":{\"order_id\":\"o-%d\",\"amount\":%.2f,\"currency\":\"EUR\",\"status\":\"%s\",\"items\":%d,"
            + "\"customer\":\"c-%d\"},\"events\":%d,\"last_event_id\":\"%016x%016x\",\"last_event_type\":\"order.shipped\","
            + "\"last_event_time\":\"%s\"}",
        key, random.nextDouble(5, 900), random.nextBoolean() ? "paid" : "shipped", 1 + random.nextInt(9),
        random.nextInt(100_000), 1 + random.nextInt(20), random.nextLong(), random.nextLong(), Instant.ofEpochMilli(now));
    return json.getBytes(UTF_8);
  }

  static String tenant(int t) {
    return "tenant-" + t;
  }

  static String token(int t) {
    return "bench-lookup-token-" + t;
  }

  static String entity(long k) {
    return String.format(Locale.ROOT, "entity-%07d", k);
  }
}
