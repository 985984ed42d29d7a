package io.strata.schemas;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * An event type with its versions 1..N.
 *
 * @param file its {@code type.yaml}, for messages; not part of the content
 */
public record EventTypeSchema(
    String name, String owner, String description, Compatibility compatibility, List<SchemaVersion> versions, String file) {
  public EventTypeSchema {
    requireNonNull(name, "name is null");
    requireNonNull(owner, "owner is null");
    requireNonNull(description, "description is null");
    requireNonNull(compatibility, "compatibility is null");
    requireNonNull(file, "file is null");
    versions = List.copyOf(versions);
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("event type '" + name + "' has no versions");
    }
    for (int i = 0; i < versions.size(); i++) {
      SchemaVersion v = versions.get(i);
      if (v.version() != i + 1 || !v.type().equals(name)) {
        throw new IllegalArgumentException(
            "event type '" + name + "': versions must be " + name + " 1.." + versions.size() + " in order, got "
                + v.type() + " v" + v.version() + " at position " + (i + 1));
      }
    }
  }

  public int latestVersion() {
    return versions.size();
  }

  public Optional<SchemaVersion> version(int version) {
    return version >= 1 && version <= versions.size() ? Optional.of(versions.get(version - 1)) : Optional.empty();
  }

  public SchemaVersion latest() {
    return versions.get(versions.size() - 1);
  }

  /** The deprecated fields of the latest version: what producers should stop sending now. */
  public List<DeprecatedField> deprecated() {
    return latest().deprecated();
  }
}
