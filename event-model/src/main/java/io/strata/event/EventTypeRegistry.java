package io.strata.event;

import static java.util.Objects.requireNonNull;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The event types Strata accepts, each with schema versions 1..N and one {@link Upcaster} per step
 * n -> n+1. Immutable and serializable: it travels inside Flink jobs.
 */
public final class EventTypeRegistry implements Serializable {

  @Serial private static final long serialVersionUID = 1L;

  // Per type, upcaster i goes from version i+1 to i+2, so the latest version is size() + 1.
  private final Map<String, List<Upcaster>> chains;

  private EventTypeRegistry(Map<String, List<Upcaster>> chains) {
    this.chains = chains;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Registered event types, sorted. */
  public Set<String> eventTypes() {
    return chains.keySet();
  }

  public boolean isKnown(String eventType) {
    return chains.containsKey(requireNonNull(eventType, "eventType is null"));
  }

  public int latestVersion(String eventType) {
    return chainOf(eventType).size() + 1;
  }

  /** Versions 1..latest, ascending. */
  public List<Integer> knownVersions(String eventType) {
    return IntStream.rangeClosed(1, latestVersion(eventType)).boxed().toList();
  }

  /**
   * Applies the upcasters from the envelope's version up to the latest one.
   *
   * @throws IllegalArgumentException if the type or version is not registered
   * @throws UpcastFailedException if an upcaster throws or returns anything but the next version
   */
  public EventEnvelope upcastToLatest(EventEnvelope envelope) {
    requireNonNull(envelope, "envelope is null");
    String type = envelope.eventType();
    List<Upcaster> chain = chainOf(type);
    int latest = chain.size() + 1;
    if (envelope.schemaVersion() > latest) {
      throw new IllegalArgumentException(unknownVersionMessage(type, envelope.schemaVersion()));
    }
    EventEnvelope current = envelope;
    for (int from = envelope.schemaVersion(); from < latest; from++) {
      EventEnvelope next;
      try {
        next = chain.get(from - 1).upcast(current);
      } catch (RuntimeException e) {
        String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
        throw new UpcastFailedException(type, from, reason, e);
      }
      if (next == null) {
        throw new UpcastFailedException(type, from, "the upcaster returned null", null);
      }
      if (!next.eventType().equals(type) || next.schemaVersion() != from + 1) {
        throw new UpcastFailedException(
            type,
            from,
            "the upcaster returned '" + next.eventType() + "' version " + next.schemaVersion(),
            null);
      }
      current = next;
    }
    return current;
  }

  private List<Upcaster> chainOf(String eventType) {
    List<Upcaster> chain = chains.get(requireNonNull(eventType, "eventType is null"));
    if (chain == null) {
      throw new IllegalArgumentException("unknown event type '" + eventType + "'");
    }
    return chain;
  }

  String unknownVersionMessage(String eventType, int schemaVersion) {
    String known =
        knownVersions(eventType).stream().map(String::valueOf).collect(Collectors.joining(", "));
    return "event type '%s' has no schema version %d (known: %s)"
        .formatted(eventType, schemaVersion, known);
  }

  @Override
  public String toString() {
    return "EventTypeRegistry"
        + chains.entrySet().stream()
            .map(e -> e.getKey() + " v1.." + (e.getValue().size() + 1))
            .collect(Collectors.joining(", ", "[", "]"));
  }

  /** Collects event types and upcasters; {@link #build()} checks that every chain is complete. */
  public static final class Builder {
    private final Map<String, Integer> latestVersions = new TreeMap<>();
    private final Map<String, Map<Integer, Upcaster>> upcasters = new HashMap<>();

    private Builder() {}

    /** Registers {@code eventType} with schema versions 1..{@code latestVersion}. */
    public Builder eventType(String eventType, int latestVersion) {
      checkName(eventType);
      if (latestVersion < 1) {
        throw new IllegalArgumentException(
            "event type '" + eventType + "': latest version must be >= 1, got " + latestVersion);
      }
      if (latestVersions.putIfAbsent(eventType, latestVersion) != null) {
        throw new IllegalArgumentException("event type '" + eventType + "' is registered twice");
      }
      return this;
    }

    /** Registers the upcaster of {@code eventType} from version n = {@code fromVersion} to n+1. */
    public Builder upcaster(String eventType, int fromVersion, Upcaster upcaster) {
      checkName(eventType);
      requireNonNull(upcaster, "upcaster is null");
      if (fromVersion < 1) {
        throw new IllegalArgumentException(
            "upcaster of '" + eventType + "': from version must be >= 1, got " + fromVersion);
      }
      Map<Integer, Upcaster> steps = upcasters.computeIfAbsent(eventType, t -> new HashMap<>());
      if (steps.putIfAbsent(fromVersion, upcaster) != null) {
        throw new IllegalArgumentException(
            "upcaster of '" + eventType + "' " + step(fromVersion) + " is registered twice");
      }
      return this;
    }

    public EventTypeRegistry build() {
      if (latestVersions.isEmpty()) {
        throw new IllegalArgumentException("no event types registered");
      }
      for (Map.Entry<String, Map<Integer, Upcaster>> entry : new TreeMap<>(upcasters).entrySet()) {
        String type = entry.getKey();
        Integer latest = latestVersions.get(type);
        if (latest == null) {
          throw new IllegalArgumentException(
              "upcaster of '" + type + "' is for an event type that is not registered");
        }
        for (int from : new TreeMap<>(entry.getValue()).keySet()) {
          if (from >= latest) {
            throw new IllegalArgumentException(
                "upcaster of '%s' %s goes beyond its latest version %d"
                    .formatted(type, step(from), latest));
          }
        }
      }
      TreeMap<String, List<Upcaster>> chains = new TreeMap<>();
      latestVersions.forEach(
          (type, latest) -> {
            Map<Integer, Upcaster> steps = upcasters.getOrDefault(type, Map.of());
            List<Upcaster> chain = new ArrayList<>();
            for (int from = 1; from < latest; from++) {
              Upcaster upcaster = steps.get(from);
              if (upcaster == null) {
                throw new IllegalArgumentException(
                    "event type '%s' has versions 1..%d but no upcaster %s"
                        .formatted(type, latest, step(from)));
              }
              chain.add(upcaster);
            }
            chains.put(type, List.copyOf(chain));
          });
      return new EventTypeRegistry(Collections.unmodifiableSortedMap(chains));
    }

    private static void checkName(String eventType) {
      requireNonNull(eventType, "eventType is null");
      if (eventType.isBlank()) {
        throw new IllegalArgumentException("event type name is blank");
      }
    }

    private static String step(int from) {
      return from + "->" + (from + 1);
    }
  }
}
