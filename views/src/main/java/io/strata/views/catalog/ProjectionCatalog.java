package io.strata.views.catalog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.views.store.ViewStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Which version of each projection serves lookups, kept in the view store itself (one meta value per
 * projection: {@code {"live": 2, "versions": {"1": "retired", "2": "live"}}}). Switching is one write, so
 * every reader sees either the old live version or the new one.
 */
public final class ProjectionCatalog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "catalog:";

  private final ViewStore store;

  public ProjectionCatalog(ViewStore store) {
    this.store = requireNonNull(store, "store is null");
  }

  /** The live version, if the projection has one. */
  public OptionalInt live(String projection) {
    return read(projection).map(n -> OptionalInt.of(n.path("live").asInt())).orElse(OptionalInt.empty());
  }

  /** The whole entry: live version and the state of each version. */
  public Optional<JsonNode> entry(String projection) {
    return read(projection).map(n -> n);
  }

  /** Makes {@code version} live when the projection has no live version yet (its first start). */
  public synchronized boolean registerIfAbsent(String projection, int version) {
    if (live(projection).isPresent()) {
      return false;
    }
    ObjectNode entry = JSON.createObjectNode();
    entry.put("live", version);
    entry.putObject("versions").put(Integer.toString(version), "live");
    store.putMeta(PREFIX + projection, entry.toString());
    return true;
  }

  /** A reader of live versions that asks the store at most once per {@code maxAgeMillis} per projection. */
  public LiveVersions liveVersions(long maxAgeMillis, LongSupplier clock) {
    return new LiveVersions(this, maxAgeMillis, clock);
  }

  /**
   * Live versions as the lookup API reads them, on every request: from a copy at most
   * {@code maxAgeMillis} old, so that a lookup costs one store read, not two. A switch of the live
   * version reaches every reader within that time; a retired version's views must outlive it.
   */
  public static final class LiveVersions {
    /** How old a copy the lookup API serves from. */
    public static final long MAX_AGE_MILLIS = 1_000;

    private record Copy(OptionalInt live, long readAtMillis) {}

    private final ProjectionCatalog catalog;
    private final long maxAgeMillis;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Copy> copies = new ConcurrentHashMap<>();

    private LiveVersions(ProjectionCatalog catalog, long maxAgeMillis, LongSupplier clock) {
      this.catalog = catalog;
      this.maxAgeMillis = maxAgeMillis;
      this.clock = clock;
    }

    public OptionalInt of(String projection) {
      long now = clock.getAsLong();
      Copy copy = copies.get(projection);
      if (copy == null || now - copy.readAtMillis() >= maxAgeMillis) {
        copy = new Copy(catalog.live(projection), now);
        copies.put(projection, copy);
      }
      return copy.live();
    }
  }

  private Optional<ObjectNode> read(String projection) {
    return store.getMeta(PREFIX + projection).map(text -> {
      try {
        return (ObjectNode) JSON.readTree(text);
      } catch (IOException e) {
        throw new UncheckedIOException("the catalog entry of projection " + projection + " is not JSON", e);
      }
    });
  }
}
