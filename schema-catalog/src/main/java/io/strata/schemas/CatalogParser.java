package io.strata.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.config.FileKeyException;
import io.strata.event.Upcaster;
import io.strata.event.UpcasterFactory;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads a type's {@code type.yaml} and its version files from their trees: the same reading serves the
 * files ({@link SchemaFiles}) and the JSON form ({@link SchemaCatalog#fromJson}), so both are held to the
 * same rules. Makes each named Java upcaster once per catalog.
 */
final class CatalogParser {
  static final String TYPE_NAME = "[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*";
  static final Set<String> TYPE_KEYS = new TreeSet<>(Set.of("type", "owner", "description", "compatibility"));
  static final Set<String> VERSION_KEYS = new TreeSet<>(Set.of("type", "version", "schema", "deprecated", "upcast"));
  private static final Set<String> DEPRECATION_KEYS = new TreeSet<>(Set.of("field", "since", "reason"));
  private static final Set<String> STEP_KINDS = new TreeSet<>(Set.of("add", "rename", "move", "remove", "java"));

  private final JavaUpcasters upcasters;
  private final Map<String, Upcaster> made = new TreeMap<>();

  CatalogParser(JavaUpcasters upcasters) {
    this.upcasters = upcasters;
  }

  /** The Java upcasters the parsed versions name, one instance each. */
  Map<String, Upcaster> javaUpcasters() {
    return made;
  }

  /** A type's header; its versions come after. */
  record TypeHeader(String name, String owner, String description, Compatibility compatibility) {}

  static TypeHeader typeHeader(String file, JsonNode root, String expectedName) {
    mapping(file, root, "type, owner and description");
    knownKeys(file, root, TYPE_KEYS);
    String name = text(file, root, "type");
    if (!name.equals(expectedName)) {
      throw new FileKeyException(file, "type", "is '" + name + "', but the folder is '" + expectedName
          + "': the folder of an event type is named after it");
    }
    String owner = text(file, root, "owner");
    String description = text(file, root, "description");
    Compatibility compatibility = Compatibility.DEFAULT;
    JsonNode rule = root.get("compatibility");
    if (rule != null && !rule.isNull()) {
      try {
        compatibility = Compatibility.valueOf(rule.asText());
      } catch (IllegalArgumentException e) {
        throw new FileKeyException(file, "compatibility", "must be one of "
            + Arrays.stream(Compatibility.values()).map(Enum::name).collect(Collectors.joining(", "))
            + ", got '" + rule.asText() + "'");
      }
    }
    return new TypeHeader(name, owner, description, compatibility);
  }

  /**
   * Version {@code expected} of {@code type}, whose earlier versions are {@code previous} (1..expected-1).
   */
  SchemaVersion version(String file, JsonNode root, String type, int expected, List<SchemaVersion> previous) {
    mapping(file, root, "type, version and schema");
    knownKeys(file, root, VERSION_KEYS);
    String name = text(file, root, "type");
    if (!name.equals(type)) {
      throw new FileKeyException(file, "type", "is '" + name + "', but this is a version of '" + type + "'");
    }
    JsonNode version = required(file, root, "version");
    if (!version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() != expected) {
      throw new FileKeyException(file, "version", "must be " + expected + ", as the file name says, got '" + version.asText() + "'");
    }
    JsonNode schema = required(file, root, "schema");
    SchemaRules.check(file, schema);
    SchemaShape shape = SchemaShape.of(schema);
    List<DeprecatedField> deprecated = deprecated(file, root.get("deprecated"), schema, shape);
    List<UpcastStep> upcast = upcast(file, root.get("upcast"), schema, shape, expected, previous);
    return new SchemaVersion(type, expected, schema, deprecated, upcast, file);
  }

  private static List<DeprecatedField> deprecated(String file, JsonNode list, JsonNode schema, SchemaShape shape) {
    if (list == null || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw new FileKeyException(file, "deprecated", "must be a list of {field, since, reason}");
    }
    List<DeprecatedField> fields = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String key = "deprecated[" + i + "]";
      JsonNode entry = list.get(i);
      mapping(file, entry, key, "field, since and reason");
      knownKeys(file, entry, key, DEPRECATION_KEYS);
      String field = pointer(file, entry, key, "field");
      if (shape.find(field) == null) {
        throw new FileKeyException(file, key + ".field", "'" + field + "' is not a field of this version's schema");
      }
      if (!seen.add(field)) {
        throw new FileKeyException(file, key + ".field", "'" + field + "' is deprecated twice");
      }
      JsonNode since = entry.get("since");
      if (since == null || since.isNull()) {
        throw new FileKeyException(file, key + ".since", "is required: the day the field was deprecated, such as 2026-01-31");
      }
      LocalDate day;
      try {
        day = LocalDate.parse(since.asText());
      } catch (DateTimeParseException e) {
        throw new FileKeyException(file, key + ".since", "must be a date such as 2026-01-31, got '" + since.asText() + "'");
      }
      JsonNode reason = entry.get("reason");
      if (reason != null && !reason.isNull() && !reason.isTextual()) {
        throw new FileKeyException(file, key + ".reason", "must be text, got '" + reason + "'");
      }
      fields.add(new DeprecatedField(field, day, reason == null || reason.isNull() ? "" : reason.asText().trim()));
    }
    return fields;
  }

  private List<UpcastStep> upcast(
      String file, JsonNode list, JsonNode schema, SchemaShape target, int version, List<SchemaVersion> previous) {
    if (list == null || list.isNull() || (list.isArray() && list.isEmpty())) {
      return List.of();
    }
    if (version == 1) {
      throw new FileKeyException(file, "upcast", "v1 has no earlier version to upcast from: leave upcast out");
    }
    if (!list.isArray()) {
      throw new FileKeyException(file, "upcast", "must be a list of steps (add, rename, move, remove, or java)");
    }
    String from = "v" + (version - 1);
    SchemaShape shape = SchemaShape.of(previous.get(version - 2).schemaNode());
    List<UpcastStep> steps = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String key = "upcast[" + i + "]";
      UpcastStep step = step(file, key, list.get(i), schema);
      if (step instanceof UpcastStep.Java && list.size() > 1) {
        throw new FileKeyException(file, key, "a java step must be the only step of its version: it takes "
            + from + " events to v" + version + " on its own");
      }
      try {
        shape = shape.apply(step, from, target);
      } catch (IllegalArgumentException e) {
        throw new FileKeyException(file, key, e.getMessage() + " (steps run in order on " + from + " events)");
      }
      steps.add(step);
    }
    return steps;
  }

  private UpcastStep step(String file, String key, JsonNode node, JsonNode schema) {
    mapping(file, node, key, "one of add, rename, move, remove or java");
    Set<String> kinds = new LinkedHashSet<>();
    node.fieldNames().forEachRemaining(n -> {
      if (STEP_KINDS.contains(n)) {
        kinds.add(n);
      }
    });
    if (kinds.size() != 1) {
      throw new FileKeyException(file, key, "must have exactly one of " + String.join(", ", STEP_KINDS)
          + ", got " + (kinds.isEmpty() ? "none" : String.join(", ", kinds)));
    }
    String kind = kinds.iterator().next();
    switch (kind) {
      case "add" -> {
        knownKeys(file, node, key, Set.of("add", "value"));
        String field = pointer(file, node, key, "add");
        JsonNode value = node.get("value");
        if (value == null) {
          value = defaultOf(schema, field);
          if (value == null) {
            throw new FileKeyException(file, key + ".value", "is required: the value to give '" + field
                + "' (or declare a default for it in this version's schema)");
          }
        }
        return new UpcastStep.Add(field, value);
      }
      case "rename" -> {
        knownKeys(file, node, key, Set.of("rename", "to"));
        String field = pointer(file, node, key, "rename");
        String to = text(file, node, key, "to");
        if (to.contains("/")) {
          throw new FileKeyException(file, key + ".to", "must be the new name of the field, not a pointer (use move), got '" + to + "'");
        }
        return new UpcastStep.Rename(field, to);
      }
      case "move" -> {
        knownKeys(file, node, key, Set.of("move", "to"));
        return new UpcastStep.Move(pointer(file, node, key, "move"), pointer(file, node, key, "to"));
      }
      case "remove" -> {
        knownKeys(file, node, key, Set.of("remove"));
        return new UpcastStep.Remove(pointer(file, node, key, "remove"));
      }
      default -> {
        knownKeys(file, node, key, Set.of("java"));
        String name = text(file, node, key, "java");
        UpcasterFactory factory = upcasters.find(name).orElseThrow(() -> new FileKeyException(file, key + ".java",
            "no Java upcaster named '" + name + "'; known: "
                + (upcasters.names().isEmpty() ? "none" : String.join(", ", upcasters.names()))));
        made.computeIfAbsent(name, n -> factory.create());
        return new UpcastStep.Java(name);
      }
    }
  }

  /** The {@code default} of the field at {@code pointer} in a schema, through {@code properties}; or null. */
  private static JsonNode defaultOf(JsonNode schema, String pointer) {
    JsonNode at = schema;
    for (String name : SchemaShape.segments(pointer)) {
      at = at.path("properties").path(name);
    }
    JsonNode value = at.get("default");
    return value == null || value.isMissingNode() ? null : value;
  }

  static void mapping(String file, JsonNode root, String what) {
    if (root == null || !root.isObject()) {
      throw new FileKeyException(file, "(file)", "must be a YAML mapping with " + what);
    }
  }

  private static void mapping(String file, JsonNode node, String key, String what) {
    if (node == null || !node.isObject()) {
      throw new FileKeyException(file, key, "must be a mapping with " + what + ", got '" + node + "'");
    }
  }

  static void knownKeys(String file, JsonNode root, Set<String> known) {
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String key = names.next();
      if (!known.contains(key)) {
        throw new FileKeyException(file, key, "unknown key; known: " + String.join(", ", known));
      }
    }
  }

  private static void knownKeys(String file, JsonNode node, String at, Set<String> known) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String key = names.next();
      if (!known.contains(key)) {
        throw new FileKeyException(file, at + "." + key, "unknown key; known: " + String.join(", ", new TreeSet<>(known)));
      }
    }
  }

  static JsonNode required(String file, JsonNode root, String key) {
    JsonNode value = root.get(key);
    if (value == null || value.isNull()) {
      throw new FileKeyException(file, key, "is required");
    }
    return value;
  }

  static String text(String file, JsonNode root, String key) {
    JsonNode value = required(file, root, key);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new FileKeyException(file, key, "must be text, got '" + value + "'");
    }
    return value.asText().trim();
  }

  private static String text(String file, JsonNode node, String at, String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      throw new FileKeyException(file, at + "." + key, "is required");
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new FileKeyException(file, at + "." + key, "must be text, got '" + value + "'");
    }
    return value.asText().trim();
  }

  /** A JSON pointer to a field: {@code /amount}, {@code /customer/id}; {@code ~1} for a '/' in a name. */
  private static String pointer(String file, JsonNode node, String at, String key) {
    String pointer = text(file, node, at, key);
    try {
      if (!pointer.isEmpty() && !SchemaShape.segments(pointer).isEmpty()) {
        return pointer;
      }
    } catch (IllegalArgumentException e) {
      // not a pointer: said below
    }
    throw new FileKeyException(file, at + "." + key, "must be a JSON pointer to a field, such as /amount or /customer/id, got '" + pointer + "'");
  }
}
