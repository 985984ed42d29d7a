package io.strata.views.catalog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.views.store.ViewStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The projections' versions and which one serves lookups, kept in the view store itself: one meta value
 * per projection ({@link CatalogEntry} as JSON). Every change writes the whole entry, so switching the
 * live version is one write and every reader sees either the old live version or the new one. One
 * process writes it (the stack that runs the projection jobs); the lookup API only reads.
 *
 * <p>Entries written before the catalog kept definitions ({@code {"live":1,"versions":{"1":"live"}}})
 * read as versions without a definition.
 */
public final class ProjectionCatalog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "catalog:";

  private final ViewStore store;

  public ProjectionCatalog(ViewStore store) {
    this.store = requireNonNull(store, "store is null");
  }

  public Optional<CatalogEntry> entry(String projection) {
    return store.getMeta(PREFIX + projection).map(text -> parse(projection, text));
  }

  public void put(String projection, CatalogEntry entry) {
    store.putMeta(PREFIX + projection, toJson(entry).toString());
  }

  /** The live version, if the projection has one. */
  public OptionalInt live(String projection) {
    return entry(projection).map(CatalogEntry::live).orElse(OptionalInt.empty());
  }

  static ObjectNode toJson(CatalogEntry entry) {
    ObjectNode root = JSON.createObjectNode();
    if (entry.live().isPresent()) {
      root.put("live", entry.live().getAsInt());
    } else {
      root.putNull("live");
    }
    ObjectNode versions = root.putObject("versions");
    entry.versions().forEach((v, e) -> versions.set(Integer.toString(v), toJson(e)));
    return root;
  }

  /** A version as JSON: also what {@code GET /v1/projections} shows of it. */
  public static ObjectNode toJson(VersionEntry e) {
    ObjectNode node = JSON.createObjectNode();
    node.put("state", e.state().text());
    e.definition().ifPresent(d -> node.put("definition", d));
    e.snapshotId().ifPresent(s -> node.put("snapshot_id", s));
    ObjectNode offsets = node.putObject("start_offsets");
    e.startOffsets().forEach((p, o) -> offsets.put(Integer.toString(p), o));
    e.savepoint().ifPresent(s -> node.put("savepoint", s));
    node.put("history_events", e.historyEvents());
    node.put("changed_at", e.changedAt().toString());
    node.put("note", e.note());
    return node;
  }

  static CatalogEntry parse(String projection, String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("the catalog entry of projection " + projection + " is not JSON", e);
    }
    TreeMap<Integer, VersionEntry> versions = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("versions").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> v = it.next();
      versions.put(Integer.parseInt(v.getKey()), parseVersion(v.getValue()));
    }
    JsonNode live = root.path("live");
    return new CatalogEntry(live.isInt() ? OptionalInt.of(live.asInt()) : OptionalInt.empty(), versions);
  }

  private static VersionEntry parseVersion(JsonNode node) {
    if (node.isTextual()) {
      // The first catalog's format: the state alone.
      return new VersionEntry(VersionState.parse(node.asText()), Optional.empty(), Optional.empty(), Map.of(),
          Optional.empty(), 0, Instant.EPOCH, "");
    }
    Map<Integer, Long> offsets = new TreeMap<>();
    node.path("start_offsets").fields().forEachRemaining(f -> offsets.put(Integer.parseInt(f.getKey()), f.getValue().asLong()));
    return new VersionEntry(
        VersionState.parse(node.path("state").asText()),
        text(node, "definition"),
        node.hasNonNull("snapshot_id") ? Optional.of(node.get("snapshot_id").asLong()) : Optional.empty(),
        offsets,
        text(node, "savepoint"),
        node.path("history_events").asLong(),
        node.hasNonNull("changed_at") ? Instant.parse(node.get("changed_at").asText()) : Instant.EPOCH,
        node.path("note").asText(""));
  }

  private static Optional<String> text(JsonNode node, String field) {
    return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
  }
}
