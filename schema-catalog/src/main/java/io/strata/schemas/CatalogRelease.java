package io.strata.schemas;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * One release of the schema catalog to a running stack: the whole catalog, numbered. Releases go to a
 * compacted topic ({@code events.schemas}, key {@code catalog}); the ingest job takes a release when its
 * generation is higher than the one it has, without a restart. The record is JSON:
 * {@code {"generation":3,"fingerprint":"...","released_at":"...","catalog":{...}}}.
 *
 * @param generation 1 for the first release, one more for each release after it
 * @param catalog the catalog
 * @param releasedAt when it was released
 */
public record CatalogRelease(long generation, SchemaCatalog catalog, Instant releasedAt) implements Serializable {
  @Serial private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The record key of every release: the topic's compaction keeps the newest one. */
  public static final String KEY = "catalog";

  public CatalogRelease {
    requireNonNull(catalog, "catalog is null");
    requireNonNull(releasedAt, "releasedAt is null");
    if (generation < 1) {
      throw new IllegalArgumentException("generation must be at least 1, got " + generation);
    }
  }

  /** The release after this one. */
  public CatalogRelease next(SchemaCatalog catalog, Instant now) {
    return new CatalogRelease(generation + 1, catalog, now);
  }

  public String toJson() {
    try {
      ObjectNode node = JSON.createObjectNode();
      node.put("generation", generation);
      node.put("fingerprint", catalog.fingerprint());
      node.put("released_at", releasedAt.toString());
      node.set("catalog", JSON.readTree(catalog.toJson()));
      return node.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A release as {@link #toJson} wrote it, with the classpath's Java upcasters. */
  public static CatalogRelease fromJson(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      if (node == null || !node.hasNonNull("generation") || !node.has("catalog")) {
        throw new IllegalArgumentException("not a schema catalog release: no generation or catalog");
      }
      return new CatalogRelease(
          node.get("generation").asLong(),
          SchemaCatalog.fromJson(node.get("catalog").toString()),
          node.hasNonNull("released_at") ? Instant.parse(node.get("released_at").asText()) : Instant.EPOCH);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not a schema catalog release: " + e.getOriginalMessage(), e);
    }
  }
}
