package io.strata.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Validates payloads against the JSON Schema of their version with networknt's validator, compiling each
 * version's schema once, on first use (a compiled schema is safe to share between threads). Reasons name
 * the field's JSON pointer, the keyword and why, from the schema alone: networknt's own messages are not
 * used, as some carry the value.
 */
final class PayloadValidator {
  /**
   * Plain numbers (double for a fraction): networknt's keywords on exact BigDecimals misbehave at the
   * extremes, e.g. {@code minimum: 0} accepts {@code -1e999999999}, and {@code multipleOf} does not end.
   */
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final int MAX_LISTED = 10;

  private final SchemaRegistry registry = newRegistry();
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

  /**
   * JSON Schema 2020-12; {@code format} asserts (a file that says {@code format: date} means it); never
   * fetches a remote schema: a catalog is self-contained, and loading checks that its {@code $ref}s are local.
   */
  static SchemaRegistry newRegistry() {
    return SchemaRegistry.withDefaultDialect(
        SpecificationVersion.DRAFT_2020_12,
        builder -> builder
            .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
            .schemaLoader(loader -> loader.fetchRemoteResources(false)));
  }

  Optional<PayloadViolation> validate(SchemaVersion version, String payloadJson) {
    JsonNode payload;
    try {
      payload = JSON.readTree(payloadJson);
    } catch (JsonProcessingException e) {
      return Optional.of(new PayloadViolation(version.type(), version.version(), "", "json", "is not valid JSON"));
    }
    if (payload == null || payload.isMissingNode()) {
      return Optional.of(new PayloadViolation(version.type(), version.version(), "", "json", "is empty"));
    }
    return validate(version, payload);
  }

  Optional<PayloadViolation> validate(SchemaVersion version, JsonNode payload) {
    Schema schema = compiled.computeIfAbsent(
        version.type() + "\n" + version.version(), k -> registry.getSchema(SchemaRules.withoutExtensions(version.schemaNode())));
    List<Error> errors;
    try {
      errors = schema.validate(payload);
    } catch (RuntimeException e) {
      // networknt fails on some values instead of reporting them (multipleOf on a number too large for a double).
      return Optional.of(new PayloadViolation(version.type(), version.version(), "", "schema",
          "cannot be checked: " + e.getClass().getSimpleName()));
    }
    if (errors.isEmpty()) {
      return Optional.empty();
    }
    Error error = errors.get(0);
    String keyword = error.getKeyword() == null ? "schema" : error.getKeyword();
    String pointer = error.getInstanceLocation().toString();
    if ((keyword.equals("required") || keyword.equals("additionalProperties")) && error.getProperty() != null) {
      pointer = pointer + "/" + SchemaShape.escape(error.getProperty());
    }
    return Optional.of(new PayloadViolation(version.type(), version.version(), pointer, keyword,
        message(keyword, error.getSchemaNode(), error.getInstanceNode())));
  }

  /** Why, from the schema's side only; of the payload, only the JSON type of the value is named. */
  private static String message(String keyword, JsonNode rule, JsonNode value) {
    return switch (keyword) {
      case "type" -> types(rule) + " expected, got " + (value == null ? "another type" : SchemaShape.jsonType(value));
      case "required" -> "is required but missing";
      case "additionalProperties" -> "is not a declared field, and the schema allows no others";
      case "enum" -> "must be one of " + values(rule);
      case "const" -> "must be " + rule;
      case "minimum" -> "must be at least " + rule;
      case "maximum" -> "must be at most " + rule;
      case "exclusiveMinimum" -> "must be greater than " + rule;
      case "exclusiveMaximum" -> "must be less than " + rule;
      case "multipleOf" -> "must be a multiple of " + rule;
      case "minLength" -> "must be at least " + rule + " characters long";
      case "maxLength" -> "must be at most " + rule + " characters long";
      case "pattern" -> "must match the pattern " + rule.asText();
      case "format" -> "must be a valid " + rule.asText();
      case "minItems" -> "must have at least " + rule + " items";
      case "maxItems" -> "must have at most " + rule + " items";
      case "uniqueItems" -> "must not repeat an item";
      case "minProperties" -> "must have at least " + rule + " fields";
      case "maxProperties" -> "must have at most " + rule + " fields";
      case "false" -> "must not be present";
      default -> "does not satisfy the schema's '" + keyword + "' rule";
    };
  }

  private static String types(JsonNode rule) {
    if (rule != null && rule.isArray()) {
      return StreamSupport.stream(rule.spliterator(), false).map(JsonNode::asText).collect(Collectors.joining(" or "));
    }
    return rule == null ? "another type" : rule.asText();
  }

  private static String values(JsonNode rule) {
    List<String> listed = StreamSupport.stream(rule.spliterator(), false).limit(MAX_LISTED).map(JsonNode::toString).toList();
    return String.join(", ", listed) + (rule.size() > MAX_LISTED ? ", ... (" + rule.size() + " values)" : "");
  }
}
