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
