package io.strata.schemas;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One version of an event type as its file declares it.
 *
 * @param type the event type
 * @param version 1..N
 * @param schema the JSON Schema (2020-12) of the payload; a copy on every call, JSON trees are mutable
 * @param deprecated fields of this version that producers should stop sending
 * @param upcast the steps that take an event of version - 1 to this one; empty for version 1, and for a
 *     version whose events of the previous version need no rewrite
 * @param file where it was declared, for messages; not part of the content
 */
public record SchemaVersion(
    String type, int version, JsonNode schema, List<DeprecatedField> deprecated, List<UpcastStep> upcast, String file) {
  public SchemaVersion {
    requireNonNull(type, "type is null");
    requireNonNull(schema, "schema is null");
    requireNonNull(file, "file is null");
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1, got " + version);
    }
    schema = schema.deepCopy();
    deprecated = List.copyOf(deprecated);
    upcast = List.copyOf(upcast);
  }

  @Override
  public JsonNode schema() {
    return schema.deepCopy();
  }

  /** The schema without a copy, for this package's readers that do not change it. */
  JsonNode schemaNode() {
    return schema;
  }

  /** Whether {@code other} declares the same version: the file it came from does not count. */
  boolean sameContent(SchemaVersion other) {
    return type.equals(other.type)
        && version == other.version
        && schema.equals(other.schema)
        && deprecated.equals(other.deprecated)
        && upcast.equals(other.upcast);
  }
}
