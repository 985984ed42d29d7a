package io.strata.views.definition;

import static java.util.Objects.requireNonNull;

import io.strata.event.EventEnvelope;
import io.strata.views.fold.Fold;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Set;

/**
 * One projection as its file declares it.
 *
 * @param name the projection's name, in lookups ({@code /v1/views/<name>/<key>})
 * @param version its version: a changed definition gets a new one, rebuilt into keys of its own
 * @param description what it is for
 * @param key what its views are keyed by, within the tenant
 * @param eventTypes the event types it folds; empty for all
 * @param foldName the fold's name as written
 * @param fold the fold, with its parameters
 * @param ttl how long a view lives in the store after its last update
 * @param file the file it came from, for messages
 */
public record ProjectionDefinition(
    String name,
    int version,
    String description,
    KeySpec key,
    Set<String> eventTypes,
    String foldName,
    Fold fold,
    Duration ttl,
    String file)
    implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  public ProjectionDefinition {
    requireNonNull(name, "name is null");
    requireNonNull(description, "description is null");
    requireNonNull(key, "key is null");
    eventTypes = Set.copyOf(eventTypes);
    requireNonNull(foldName, "foldName is null");
    requireNonNull(fold, "fold is null");
    requireNonNull(ttl, "ttl is null");
    requireNonNull(file, "file is null");
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, got " + version);
    }
  }

  /** Whether the projection folds this event's type. */
  public boolean accepts(EventEnvelope event) {
    return eventTypes.isEmpty() || eventTypes.contains(event.eventType());
  }

  /** {@code name@version}, as logs and keys name a version. */
  public String id() {
    return name + "@" + version;
  }
}
