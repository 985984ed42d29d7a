package io.strata.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.strata.config.FileKeyException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a version's {@code schema} must be, beyond JSON Schema 2020-12 itself: a JSON Schema of an
 * object, self-contained ({@code $ref}s within the file only), with no keyword that 2020-12 does not
 * know (a typo such as {@code requried} would otherwise be an annotation that checks nothing). Each
 * problem names the file and the key path ({@code schema/properties/amount/type}).
 */
final class SchemaRules {
  static final String DIALECT = SpecificationVersion.DRAFT_2020_12.getDialectId();

  private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "$defs", "dependentSchemas");
  private static final Set<String> SCHEMA_LISTS = Set.of("prefixItems", "allOf", "anyOf", "oneOf");
  private static final Set<String> SCHEMAS =
      Set.of("items", "contains", "additionalProperties", "propertyNames", "if", "then", "else", "not",
          "unevaluatedItems", "unevaluatedProperties", "contentSchema");
  private static final Set<String> VALUES =
      Set.of("$ref", "$anchor", "$comment", "type", "const", "enum", "multipleOf", "maximum", "exclusiveMaximum",
          "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems",
          "maxContains", "minContains", "maxProperties", "minProperties", "required", "dependentRequired", "title",
          "description", "default", "deprecated", "readOnly", "writeOnly", "examples", "format", "contentEncoding",
          "contentMediaType");
  /** They bring in other documents or dynamic scopes: a catalog travels alone. */
  private static final Set<String> REFUSED = Set.of("$id", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "$recursiveRef", "$recursiveAnchor");

  private static final SchemaRegistry REGISTRY = PayloadValidator.newRegistry();
  private static final Schema META_SCHEMA = REGISTRY.getSchema(SchemaLocation.of(DIALECT));

  private SchemaRules() {}

  static void check(String file, JsonNode schema) {
    if (!schema.isObject()) {
      throw new FileKeyException(file, "schema", "must be a mapping: the JSON Schema of the payload");
    }
    JsonNode dialect = schema.get("$schema");
    if (dialect != null && !dialect.asText().replaceAll("#$", "").equals(DIALECT)) {
      throw new FileKeyException(file, "schema/$schema", "must be " + DIALECT + " (or left out), got '" + dialect.asText() + "'");
    }
    walk(file, "schema", schema);
    List<Error> errors = META_SCHEMA.validate(schema);
    if (!errors.isEmpty()) {
      Error error = errors.get(0);
      throw new FileKeyException(file, "schema" + error.getInstanceLocation(), error.getMessage());
    }
    if (!"object".equals(schema.path("type").asText(null))) {
      throw new FileKeyException(file, "schema/type", "must be object: a payload is a JSON object");
    }
    try {
      // Resolves every $ref now: networknt otherwise finds a dangling one at the first payload that reaches it.
      REGISTRY.getSchema(withoutExtensions(schema)).initializeValidators();
    } catch (RuntimeException e) {
      throw new FileKeyException(file, "schema", "does not compile: " + e.getMessage());
    }
  }

  /**
   * A copy without the {@code x-} keywords, which networknt would log a warning for at every compile;
   * property names that start with {@code x-} stay.
   */
  static JsonNode withoutExtensions(JsonNode schema) {
    if (!schema.isObject()) {
      return schema;
    }
    ObjectNode copy = schema.deepCopy();
    copy.properties().removeIf(e -> e.getKey().startsWith("x-"));
    for (Map.Entry<String, JsonNode> entry : copy.properties()) {
      String keyword = entry.getKey();
      JsonNode value = entry.getValue();
      if (SCHEMA_MAPS.contains(keyword) && value.isObject()) {
        ObjectNode map = (ObjectNode) value;
        map.properties().forEach(sub -> sub.setValue(withoutExtensions(sub.getValue())));
      } else if (SCHEMA_LISTS.contains(keyword) && value.isArray()) {
        ArrayNode list = (ArrayNode) value;
        for (int i = 0; i < list.size(); i++) {
          list.set(i, withoutExtensions(list.get(i)));
        }
      } else if (SCHEMAS.contains(keyword)) {
        entry.setValue(withoutExtensions(value));
      }
    }
    return copy;
  }

  private static void walk(String file, String path, JsonNode schema) {
    if (schema.isBoolean()) {
      return;
    }
    if (!schema.isObject()) {
      throw new FileKeyException(file, path, "must be a schema (a mapping, or true or false), got '" + schema + "'");
    }
    for (Map.Entry<String, JsonNode> entry : schema.properties()) {
      String keyword = entry.getKey();
      JsonNode value = entry.getValue();
      String at = path + "/" + keyword;
      if (REFUSED.contains(keyword)) {
        throw new FileKeyException(file, at, "is not supported: a schema file must be self-contained");
      } else if (keyword.equals("$ref") && !value.asText().startsWith("#")) {
        throw new FileKeyException(file, at, "must point into this schema ('#/$defs/...'), got '" + value.asText() + "'");
      } else if (SCHEMA_MAPS.contains(keyword) && value.isObject()) {
        for (Map.Entry<String, JsonNode> sub : value.properties()) {
          walk(file, at + "/" + sub.getKey(), sub.getValue());
        }
      } else if (SCHEMA_LISTS.contains(keyword) && value.isArray()) {
        for (int i = 0; i < value.size(); i++) {
          walk(file, at + "/" + i, value.get(i));
        }
      } else if (SCHEMAS.contains(keyword)) {
        walk(file, at, value);
      } else if (!VALUES.contains(keyword) && !keyword.equals("$schema") && !keyword.startsWith("x-")
          && !SCHEMA_MAPS.contains(keyword) && !SCHEMA_LISTS.contains(keyword)) {
        throw new FileKeyException(file, at, "is not a JSON Schema 2020-12 keyword (an extension must start with x-)");
      }
    }
  }
}
