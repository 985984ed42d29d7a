package io.strata.schemas;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The structure of a payload schema as {@link CompatibilityCheck} compares it: per field (a JSON
 * pointer path through {@code properties}, {@code *} for the items of an array) its types, whether its
 * object requires it, its enum, its bounds, and the keywords the check does not understand, kept to be
 * compared as they are. Upcast steps rewrite it as they rewrite events ({@link #apply}); loading uses the
 * same rewrite to check that a step names fields the previous version has. Mutable: build, rewrite,
 * compare, drop.
 */
final class SchemaShape {
  static final Set<String> LOWER_BOUNDS =
      Set.of("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties");
  static final Set<String> UPPER_BOUNDS =
      Set.of("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties");
  /** Bounds that only an equal value keeps: two patterns or formats cannot be compared. */
  static final Set<String> EXACT_BOUNDS = Set.of("pattern", "format");
  /** Keywords that say nothing about which payloads are valid. */
  static final Set<String> ANNOTATIONS =
      Set.of("title", "description", "$comment", "examples", "default", "deprecated", "readOnly", "writeOnly", "$schema");

  /** The JSON types a value may have; null: any. {@code integer} is a {@code number} too. */
  Set<String> types;
  /** Whether the parent object requires it; the payload itself is required. */
  boolean required;
  /** The values it may take ({@code enum}, or {@code const} as one value); null: any. */
  List<JsonNode> enumValues;
  /** The value an {@code add} step sets, or null: such a field is checked by its value. */
  JsonNode constant;
  final Map<String, JsonNode> bounds = new TreeMap<>();
  /** {@code additionalProperties: false}. */
  boolean closed;
  /** Keywords the check does not understand: any difference between two versions is breaking. */
  final Map<String, JsonNode> other = new TreeMap<>();
  LinkedHashMap<String, SchemaShape> properties = new LinkedHashMap<>();
  SchemaShape items;

  private SchemaShape() {}

  static SchemaShape of(JsonNode schema) {
    return of(schema, true);
  }

  private static SchemaShape of(JsonNode schema, boolean required) {
    SchemaShape shape = new SchemaShape();
    shape.required = required;
    if (schema.isBoolean()) {
      if (!schema.booleanValue()) {
        shape.other.put("false", schema);
      }
      return shape;
    }
    Set<String> requiredNames = new TreeSet<>();
    schema.path("required").forEach(n -> requiredNames.add(n.asText()));
    for (Map.Entry<String, JsonNode> entry : schema.properties()) {
      String keyword = entry.getKey();
      JsonNode value = entry.getValue();
      switch (keyword) {
        case "type" -> {
          shape.types = new TreeSet<>();
          if (value.isArray()) {
            value.forEach(t -> shape.types.add(t.asText()));
          } else {
            shape.types.add(value.asText());
          }
        }
        case "properties" -> value.properties().forEach(
            p -> shape.properties.put(p.getKey(), of(p.getValue(), requiredNames.contains(p.getKey()))));
        case "required" -> { } // read above, as each property's flag
        case "additionalProperties" -> {
          if (value.isBoolean()) {
            shape.closed = !value.booleanValue();
          } else {
            shape.other.put(keyword, value);
          }
        }
        case "items" -> shape.items = of(value, true);
        case "enum" -> {
          shape.enumValues = new ArrayList<>();
          value.forEach(shape.enumValues::add);
        }
        case "const" -> shape.enumValues = List.of(value);
        default -> {
          if (LOWER_BOUNDS.contains(keyword) || UPPER_BOUNDS.contains(keyword) || EXACT_BOUNDS.contains(keyword)) {
            shape.bounds.put(keyword, value);
          } else if (!ANNOTATIONS.contains(keyword) && !keyword.startsWith("x-")) {
            shape.other.put(keyword, value);
          }
        }
      }
    }
    // A required name without a schema of its own: required, of any type.
    for (String name : requiredNames) {
      shape.properties.computeIfAbsent(name, n -> {
        SchemaShape any = new SchemaShape();
        any.required = true;
        return any;
      });
    }
    return shape;
  }

  /** The shape of a field that an upcast step sets to {@code value}. */
  static SchemaShape constant(JsonNode value, boolean required) {
    SchemaShape shape = new SchemaShape();
    shape.required = required;
    shape.types = new TreeSet<>(Set.of(jsonType(value)));
    shape.enumValues = List.of(value);
    shape.constant = value;
    return shape;
  }

  SchemaShape copy() {
    SchemaShape copy = new SchemaShape();
    copy.types = types == null ? null : new TreeSet<>(types);
    copy.required = required;
    copy.enumValues = enumValues;
    copy.constant = constant;
    copy.bounds.putAll(bounds);
    copy.closed = closed;
    copy.other.putAll(other);
    properties.forEach((name, child) -> copy.properties.put(name, child.copy()));
    copy.items = items == null ? null : items.copy();
    return copy;
  }

  boolean allows(String type) {
    return types == null || types.contains(type) || (type.equals("integer") && types.contains("number"));
  }

  /** The JSON Schema type of a value; a number with no fraction is an integer, as 2020-12 has it. */
  static String jsonType(JsonNode value) {
    if (value.isNumber()) {
      return value.isIntegralNumber() || (Double.isFinite(value.doubleValue()) && value.doubleValue() == Math.rint(value.doubleValue()))
          ? "integer"
          : "number";
    }
    if (value.isTextual()) {
      return "string";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    if (value.isNull()) {
      return "null";
    }
    return value.isArray() ? "array" : "object";
  }

  /** The shape at {@code pointer} (through {@code properties}), or null. */
  SchemaShape find(String pointer) {
    SchemaShape at = this;
    for (String name : segments(pointer)) {
      at = at.properties.get(name);
      if (at == null) {
        return null;
      }
    }
    return at;
  }

  /** Whether every object on the way to {@code pointer}, and the field itself, is required. */
  private boolean alwaysPresent(String pointer) {
    SchemaShape at = this;
    for (String name : segments(pointer)) {
      at = at.properties.get(name);
      if (at == null || !at.required) {
        return false;
      }
    }
    return true;
  }

  /**
   * Rewrites this shape (of version n - 1) as {@code step} rewrites its events.
   *
   * @param previous how to name the version this shape is of, in messages ({@code v1})
   * @param target the shape of version n: what a Java upcaster makes
   * @throws IllegalArgumentException naming the field, when the step does not fit this shape
   */
  SchemaShape apply(UpcastStep step, String previous, SchemaShape target) {
    if (step instanceof UpcastStep.Java) {
      return target.copy();
    }
    if (step instanceof UpcastStep.Add add) {
      SchemaShape parent = parentOf(add.field(), previous);
      String name = lastSegment(add.field());
      if (parent.properties.containsKey(name)) {
        throw new IllegalArgumentException(previous + " already has field '" + add.field() + "'");
      }
      parent.properties.put(name, constant(add.value(), true));
    } else if (step instanceof UpcastStep.Rename rename) {
      SchemaShape parent = parentOf(rename.field(), previous);
      String name = lastSegment(rename.field());
      if (!parent.properties.containsKey(name)) {
        throw new IllegalArgumentException(previous + " has no field '" + rename.field() + "'");
      }
      if (parent.properties.containsKey(rename.to())) {
        throw new IllegalArgumentException(
            previous + " already has field '" + siblingPointer(rename.field(), rename.to()) + "'");
      }
      LinkedHashMap<String, SchemaShape> renamed = new LinkedHashMap<>();
      parent.properties.forEach((k, v) -> renamed.put(k.equals(name) ? rename.to() : k, v));
      parent.properties = renamed;
    } else if (step instanceof UpcastStep.Move move) {
      move(move, previous);
    } else if (step instanceof UpcastStep.Remove remove) {
      SchemaShape parent = parentOf(remove.field(), previous);
      if (parent.properties.remove(lastSegment(remove.field())) == null) {
        throw new IllegalArgumentException(previous + " has no field '" + remove.field() + "'");
      }
    }
    return this;
  }

  private void move(UpcastStep.Move move, String previous) {
    if (find(move.field()) == null) {
      throw new IllegalArgumentException(previous + " has no field '" + move.field() + "'");
    }
    if (move.to().equals(move.field()) || move.to().startsWith(move.field() + "/")) {
      throw new IllegalArgumentException("cannot move '" + move.field() + "' into itself ('" + move.to() + "')");
    }
    if (find(move.to()) != null) {
      throw new IllegalArgumentException(previous + " already has field '" + move.to() + "'");
    }
    boolean always = alwaysPresent(move.field());
    SchemaShape moved = parentOf(move.field(), previous).properties.remove(lastSegment(move.field()));
    // Objects on the way are made only when the field is there: present exactly when it is.
    SchemaShape at = this;
    String path = "";
    boolean made = false;
    List<String> segments = segments(move.to());
    for (String name : segments.subList(0, segments.size() - 1)) {
      path += "/" + escape(name);
      SchemaShape next = at.properties.get(name);
      if (next == null) {
        next = new SchemaShape();
        next.types = new TreeSet<>(Set.of("object"));
        next.required = made || always;
        made = true;
        at.properties.put(name, next);
      } else if (!next.allows("object")) {
        throw new IllegalArgumentException("field '" + path + "' of " + previous + " is not an object");
      }
      at = next;
    }
    moved.required = made || always;
    at.properties.put(segments.get(segments.size() - 1), moved);
  }

  private SchemaShape parentOf(String pointer, String previous) {
    List<String> segments = segments(pointer);
    SchemaShape at = this;
    String path = "";
    for (String name : segments.subList(0, segments.size() - 1)) {
      path += "/" + escape(name);
      at = at.properties.get(name);
      if (at == null) {
        throw new IllegalArgumentException(previous + " has no field '" + path + "'");
      }
    }
    return at;
  }

  /** The property names along a JSON pointer; a pointer that is not one fails. */
  static List<String> segments(String pointer) {
    JsonPointer at = JsonPointer.compile(pointer);
    List<String> names = new ArrayList<>();
    while (!at.matches()) {
      names.add(at.getMatchingProperty());
      at = at.tail();
    }
    return names;
  }

  static String lastSegment(String pointer) {
    List<String> segments = segments(pointer);
    return segments.get(segments.size() - 1);
  }

  static String siblingPointer(String pointer, String name) {
    return pointer.substring(0, pointer.lastIndexOf('/') + 1) + escape(name);
  }

  static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
