package io.strata.schemas;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.event.EventTypeRegistry;
import io.strata.event.PayloadSchemas;
import io.strata.event.Upcaster;
import io.strata.event.UpcasterFactory;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The event types Strata accepts, as their files declare them: per type its versions with their
 * payload schemas, upcast steps and deprecations, its owner, description and compatibility rule.
 * Immutable and serializable (it travels inside Flink jobs, as its JSON form): the compiled validators
 * and the registry are made on first use, in each JVM.
 */
public final class SchemaCatalog implements Serializable, PayloadSchemas {
  @Serial private static final long serialVersionUID = 1L;

  private final List<EventTypeSchema> types;
  private final Map<String, EventTypeSchema> byName;
  private final Map<String, Upcaster> javaUpcasters;
  private transient volatile EventTypeRegistry registry;
  private transient volatile PayloadValidator validator;
  private transient volatile String fingerprint;

  SchemaCatalog(List<EventTypeSchema> types, Map<String, Upcaster> javaUpcasters) {
    this.types = types.stream().sorted(Comparator.comparing(EventTypeSchema::name)).toList();
    this.byName = new TreeMap<>();
    for (EventTypeSchema type : this.types) {
      if (byName.putIfAbsent(type.name(), type) != null) {
        throw new IllegalArgumentException("event type '" + type.name() + "' is declared twice");
      }
    }
    this.javaUpcasters = Map.copyOf(javaUpcasters);
  }

  /** Reads what {@link #toJson()} wrote, with the classpath's Java upcasters. */
  public static SchemaCatalog fromJson(String json) {
    return fromJson(json, JavaUpcasters.standard());
  }

  public static SchemaCatalog fromJson(String json, JavaUpcasters upcasters) {
    requireNonNull(json, "json is null");
    requireNonNull(upcasters, "upcasters is null");
    return CatalogJson.read(json, upcasters);
  }

  /** Every type and version as declared, file names included: {@link #fromJson} gives an equal catalog. */
  public String toJson() {
    return CatalogJson.write(types);
  }

  /**
   * SHA-256 (hex) of the content: two catalogs that declare the same types, versions, schemas, steps and
   * deprecations have the same one, wherever their files were; key order in a schema does not count.
   */
  public String fingerprint() {
    String f = fingerprint;
    if (f == null) {
      f = CatalogJson.fingerprint(types);
      fingerprint = f;
    }
    return f;
  }

  /** The types, by name. */
  public List<EventTypeSchema> types() {
    return types;
  }

  public Optional<EventTypeSchema> type(String name) {
    return Optional.ofNullable(byName.get(requireNonNull(name, "name is null")));
  }

  /**
   * The registry the ingest job validates and upcasts with ({@link io.strata.event.EnvelopeValidator}):
   * every type with versions 1..N, each step n -> n+1 the upcaster version n+1 declares.
   */
  public EventTypeRegistry registry() {
    EventTypeRegistry r = registry;
    if (r == null) {
      EventTypeRegistry.Builder builder = EventTypeRegistry.builder();
      for (EventTypeSchema type : types) {
        builder.eventType(type.name(), type.latestVersion());
        for (SchemaVersion version : type.versions().subList(1, type.versions().size())) {
          builder.upcaster(type.name(), version.version() - 1, upcasterOf(version));
        }
      }
      r = builder.build();
      registry = r;
    }
    return r;
  }

  private Upcaster upcasterOf(SchemaVersion version) {
    if (version.upcast().size() == 1 && version.upcast().get(0) instanceof UpcastStep.Java java) {
      return javaUpcasters.get(java.name());
    }
    return new DeclaredUpcaster(version.version(), version.upcast());
  }

  /**
   * Checks a payload against the schema of its type's version (not the latest: validate before the
   * upcast). Thread-safe.
   *
   * @param payloadJson the payload JSON object, as an envelope carries it
   * @return why it is not valid, or empty
   * @throws IllegalArgumentException if the type or the version is not in the catalog (the registry
   *     refuses those first)
   */
  public Optional<PayloadViolation> validatePayload(String type, int version, String payloadJson) {
    requireNonNull(payloadJson, "payloadJson is null");
    return validator().validate(versionOf(type, version), payloadJson);
  }

  /** The ingest job's check ({@link PayloadSchemas}): the violation's one-line reason. */
  @Override
  public Optional<String> violation(String type, int version, String payload) {
    return validatePayload(type, version, payload).map(PayloadViolation::reason);
  }

  /** As {@link #validatePayload(String, int, String)}, for a payload already parsed. */
  public Optional<PayloadViolation> validatePayload(String type, int version, JsonNode payload) {
    requireNonNull(payload, "payload is null");
    return validator().validate(versionOf(type, version), payload);
  }

  private SchemaVersion versionOf(String type, int version) {
    EventTypeSchema schema = byName.get(requireNonNull(type, "type is null"));
    if (schema == null) {
      throw new IllegalArgumentException("unknown event type '" + type + "'");
    }
    return schema.version(version).orElseThrow(() -> new IllegalArgumentException(
        "event type '%s' has no schema version %d (known: 1..%d)".formatted(type, version, schema.latestVersion())));
  }

  private PayloadValidator validator() {
    PayloadValidator v = validator;
    if (v == null) {
      synchronized (this) {
        v = validator;
        if (v == null) {
          v = new PayloadValidator();
          validator = v;
        }
      }
    }
    return v;
  }

  /** Equal when they declare the same content from the same files (what a JSON round trip keeps). */
  @Override
  public boolean equals(Object o) {
    return o instanceof SchemaCatalog other && types.equals(other.types);
  }

  @Override
  public int hashCode() {
    return types.hashCode();
  }

  @Override
  public String toString() {
    return "SchemaCatalog"
        + types.stream().map(t -> t.name() + " v1.." + t.latestVersion()).collect(Collectors.joining(", ", "[", "]"));
  }

  // Serialized as its JSON form and the Java upcasters it made, so that a job runs the same instances.
  @Serial
  private Object writeReplace() {
    return new SerializedForm(toJson(), javaUpcasters);
  }

  @Serial
  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("a SchemaCatalog is read through its serialized form");
  }

  private record SerializedForm(String json, Map<String, Upcaster> javaUpcasters) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    @Serial
    private Object readResolve() {
      JavaUpcasters upcasters = JavaUpcasters.none();
      javaUpcasters.forEach((name, upcaster) -> upcasters.register(new UpcasterFactory() {
        @Override
        public String name() {
          return name;
        }

        @Override
        public Upcaster create() {
          return upcaster;
        }
      }));
      return CatalogJson.read(json, upcasters);
    }
  }
}
