package io.strata.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whether every payload valid under a writer's shape is valid under a reader's, field by field (see
 * {@link CompatibilityCheck} for the rules and their limits). Findings are worded from the older version
 * to the newer, whichever of the two reads: "changes type from integer to string".
 */
final class ShapeComparison {

  /** A field that breaks the rule, and how. */
  record Finding(String pointer, String phrase, boolean needsUpcaster) {}

  private final boolean backward;
  private final int older;
  private final int newer;
  private final List<Finding> findings = new ArrayList<>();

  private ShapeComparison(boolean backward, int older, int newer) {
    this.backward = backward;
    this.older = older;
    this.newer = newer;
  }

  /** Every event of {@code olderUpcast} (an older version's shape after the steps up to the newer one) read as the newer. */
  static List<Finding> backward(SchemaShape newerShape, SchemaShape olderUpcast, int older, int newer) {
    ShapeComparison comparison = new ShapeComparison(true, older, newer);
    comparison.compare(newerShape, olderUpcast, "");
    return comparison.findings;
  }

  /** Every event of the newer version read as the older: no upcast happens in that direction. */
  static List<Finding> forward(SchemaShape olderShape, SchemaShape newerShape, int older, int newer) {
    ShapeComparison comparison = new ShapeComparison(false, older, newer);
    comparison.compare(olderShape, newerShape, "");
    return comparison.findings;
  }

  private void compare(SchemaShape reader, SchemaShape writer, String pointer) {
    if (writer.constant != null) {
      checkValue(reader, writer.constant, pointer);
      return;
    }
    SchemaShape old = backward ? writer : reader;
    SchemaShape neu = backward ? reader : writer;
    if (!covers(reader.types, writer.types)) {
      add(pointer, "changes type from " + describe(old.types) + " to " + describe(neu.types));
    }
    if (reader.enumValues != null) {
      if (writer.enumValues == null) {
        add(pointer, backward ? "adds an enum " + list(reader.enumValues) : "drops its enum " + list(reader.enumValues));
      } else {
        List<JsonNode> missing = writer.enumValues.stream().filter(v -> !reader.enumValues.contains(v)).toList();
        if (!missing.isEmpty()) {
          add(pointer, (backward ? "drops enum values " : "adds enum values ") + list(missing));
        }
      }
    }
    for (Map.Entry<String, JsonNode> bound : reader.bounds.entrySet()) {
      String keyword = bound.getKey();
      JsonNode readerValue = bound.getValue();
      JsonNode writerValue = writer.bounds.get(keyword);
      if (writerValue == null) {
        add(pointer, (backward ? "adds " : "drops ") + keyword + " " + readerValue);
      } else if (!atLeastAsStrict(keyword, writerValue, readerValue)) {
        JsonNode oldValue = backward ? writerValue : readerValue;
        JsonNode newValue = backward ? readerValue : writerValue;
        String verb = SchemaShape.EXACT_BOUNDS.contains(keyword) ? "changes " : backward ? "tightens " : "loosens ";
        add(pointer, verb + keyword + " from " + oldValue + " to " + newValue);
      }
    }
    if (reader.closed && !writer.closed) {
      add(pointer, (backward ? "closes" : "opens") + " its object to undeclared fields");
    }
    Set<String> otherKeywords = new TreeSet<>(reader.other.keySet());
    otherKeywords.addAll(writer.other.keySet());
    for (String keyword : otherKeywords) {
      if (!Objects.equals(reader.other.get(keyword), writer.other.get(keyword))) {
        add(pointer, "changes keyword '" + keyword + "' (which the check does not compare)");
      }
    }
    if (reader.allows("object") && writer.allows("object")) {
      compareProperties(reader, writer, pointer);
    }
    if (reader.allows("array") && writer.allows("array") && reader.items != null) {
      if (writer.items == null) {
        add(pointer, backward ? "adds an items schema" : "drops its items schema");
      } else {
        compare(reader.items, writer.items, pointer + "/*");
      }
    }
  }

  private void compareProperties(SchemaShape reader, SchemaShape writer, String pointer) {
    Set<String> names = new LinkedHashSet<>(backward ? writer.properties.keySet() : reader.properties.keySet());
    names.addAll(backward ? reader.properties.keySet() : writer.properties.keySet());
    for (String name : names) {
      SchemaShape r = reader.properties.get(name);
      SchemaShape w = writer.properties.get(name);
      String field = pointer + "/" + SchemaShape.escape(name);
      if (r != null && w != null) {
        if (r.required && !w.required) {
          add(field, backward ? "becomes required" : "is no longer required");
        }
        compare(r, w, field);
      } else if (r != null) {
        // The writer's events do not carry it: only a reader that requires it breaks.
        if (r.required) {
          add(field, backward ? "is added as required" : "is removed");
        }
      } else if (backward) {
        // Strata's rule, stricter than validity: a field that disappears must be dropped or moved by a step.
        add(field, "is removed");
      } else if (reader.closed) {
        add(field, "is added, but v" + older + " does not allow undeclared fields");
      }
    }
  }

  /** A value an upcast step sets, checked against the reader's rules for the field. */
  private void checkValue(SchemaShape reader, JsonNode value, String pointer) {
    String type = SchemaShape.jsonType(value);
    if (!reader.allows(type)) {
      addValue(pointer, "a " + type + " where v" + newer + " wants " + describe(reader.types));
      return;
    }
    if (reader.enumValues != null && !reader.enumValues.contains(value)) {
      addValue(pointer, "not one of " + list(reader.enumValues));
    }
    for (Map.Entry<String, JsonNode> bound : reader.bounds.entrySet()) {
      if (!satisfies(bound.getKey(), bound.getValue(), value)) {
        addValue(pointer, "outside " + bound.getKey() + " " + bound.getValue());
      }
    }
    for (String keyword : reader.other.keySet()) {
      addValue(pointer, "cannot be checked against keyword '" + keyword + "' (which the check does not compare)");
    }
  }

  private static boolean satisfies(String keyword, JsonNode bound, JsonNode value) {
    return switch (keyword) {
      case "minimum" -> !value.isNumber() || value.decimalValue().compareTo(bound.decimalValue()) >= 0;
      case "maximum" -> !value.isNumber() || value.decimalValue().compareTo(bound.decimalValue()) <= 0;
      case "exclusiveMinimum" -> !value.isNumber() || value.decimalValue().compareTo(bound.decimalValue()) > 0;
      case "exclusiveMaximum" -> !value.isNumber() || value.decimalValue().compareTo(bound.decimalValue()) < 0;
      case "minLength" -> !value.isTextual() || value.textValue().codePointCount(0, value.textValue().length()) >= bound.asLong();
      case "maxLength" -> !value.isTextual() || value.textValue().codePointCount(0, value.textValue().length()) <= bound.asLong();
      case "minItems" -> !value.isArray() || value.size() >= bound.asLong();
      case "maxItems" -> !value.isArray() || value.size() <= bound.asLong();
      case "minProperties" -> !value.isObject() || value.size() >= bound.asLong();
      case "maxProperties" -> !value.isObject() || value.size() <= bound.asLong();
      case "pattern" -> !value.isTextual() || Pattern.compile(bound.asText()).matcher(value.textValue()).find();
      default -> true; // format: not checked on step values (documented on CompatibilityCheck)
    };
  }

  /** Whether the writer's bound lets through no value that the reader's would refuse. */
  private static boolean atLeastAsStrict(String keyword, JsonNode writer, JsonNode reader) {
    if (SchemaShape.EXACT_BOUNDS.contains(keyword)) {
      return writer.equals(reader);
    }
    if (!writer.isNumber() || !reader.isNumber()) {
      return writer.equals(reader);
    }
    int order = writer.decimalValue().compareTo(reader.decimalValue());
    return SchemaShape.LOWER_BOUNDS.contains(keyword) ? order >= 0 : order <= 0;
  }

  private static boolean covers(Set<String> reader, Set<String> writer) {
    if (reader == null) {
      return true;
    }
    if (writer == null) {
      return false;
    }
    return writer.stream().allMatch(t -> reader.contains(t) || (t.equals("integer") && reader.contains("number")));
  }

  private static String describe(Set<String> types) {
    return types == null ? "any type" : String.join(" or ", types);
  }

  private static String list(List<JsonNode> values) {
    return values.stream().map(JsonNode::toString).collect(Collectors.joining(", ", "[", "]"));
  }

  private void add(String pointer, String phrase) {
    findings.add(new Finding(pointer, phrase, true));
  }

  private void addValue(String pointer, String why) {
    findings.add(new Finding(pointer, "gets a value from an upcast step that v" + newer + " does not accept: " + why, false));
  }
}
