package io.strata.views.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.views.catalog.ProjectionCatalog;
import io.strata.views.catalog.VersionEntry;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedMap;

/**
 * What {@code GET /v1/projections} says of one projection.
 *
 * @param name the projection
 * @param description, fold, key as its definition says (the live version's, else the file's)
 * @param definedVersion the version its file defines now; empty when the file is gone
 * @param liveVersion the version that serves lookups
 * @param state {@code live}, {@code building} (no live version yet), {@code rebuilding} (a newer version
 *     is being built beside the live one), {@code needs-rebuild} (the file defines a newer version than
 *     the live one and none is being built), {@code failed} (the last build failed)
 * @param versions each version the catalog knows, with its state
 * @param lagRecords records of the hot log the live version's job has not folded
 * @param lagSeconds while it is behind, the age of the newest event in its views
 * @param lastUpdate when its views last changed
 * @param rebuild the build in progress, if any
 */
public record ProjectionStatus(
    String name,
    String description,
    String fold,
    String key,
    OptionalInt definedVersion,
    OptionalInt liveVersion,
    String state,
    SortedMap<Integer, VersionEntry> versions,
    OptionalLong lagRecords,
    OptionalDouble lagSeconds,
    Optional<Instant> lastUpdate,
    Optional<BuildProgress> rebuild) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A version being built: folding the lake's history ({@code phase} {@code history}, {@code done} of
   * {@code total} events), then the hot log from where that history ends ({@code catching-up},
   * {@code total} - {@code done} records still to fold).
   */
  public record BuildProgress(int version, String phase, long done, long total) {}

  public ProjectionStatus {
    requireNonNull(name, "name is null");
    requireNonNull(state, "state is null");
    versions = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(versions));
  }

  public ObjectNode toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("name", name);
    node.put("description", description);
    node.put("fold", fold);
    node.put("key", key);
    put(node, "defined_version", definedVersion);
    put(node, "live_version", liveVersion);
    node.put("state", state);
    ObjectNode all = node.putObject("versions");
    for (Map.Entry<Integer, VersionEntry> v : versions.entrySet()) {
      ObjectNode version = ProjectionCatalog.toJson(v.getValue());
      // The definition's text is in the file; the listing stays short.
      version.remove("definition");
      all.set(Integer.toString(v.getKey()), version);
    }
    if (lagRecords.isPresent()) {
      node.put("lag_records", lagRecords.getAsLong());
    } else {
      node.putNull("lag_records");
    }
    if (lagSeconds.isPresent()) {
      node.put("lag_seconds", lagSeconds.getAsDouble());
    } else {
      node.putNull("lag_seconds");
    }
    if (lastUpdate.isPresent()) {
      node.put("last_update", lastUpdate.get().toString());
    } else {
      node.putNull("last_update");
    }
    if (rebuild.isPresent()) {
      ObjectNode r = node.putObject("rebuild");
      r.put("version", rebuild.get().version());
      r.put("phase", rebuild.get().phase());
      r.put("done", rebuild.get().done());
      r.put("total", rebuild.get().total());
    } else {
      node.putNull("rebuild");
    }
    return node;
  }

  private static void put(ObjectNode node, String field, OptionalInt value) {
    if (value.isPresent()) {
      node.put(field, value.getAsInt());
    } else {
      node.putNull(field);
    }
  }
}
