package io.strata.event;

import java.io.Serializable;
import java.util.Optional;

/**
 * Checks a payload against the schema of its event type's version (the version it was sent as, before
 * any upcast). Implemented by the schema catalog ({@code io.strata.schemas.SchemaCatalog}).
 */
@FunctionalInterface
public interface PayloadSchemas extends Serializable {
  /** No schemas: every payload that is a JSON object passes. */
  PayloadSchemas NONE = (type, version, payload) -> Optional.empty();

  /**
   * Why the payload is not valid for {@code type} version {@code version}, in one line that names the
   * field (a JSON pointer) and the rule, never the field's value; empty when it is valid. Called only
   * for types and versions the registry knows.
   */
  Optional<String> violation(String type, int version, String payload);
}
