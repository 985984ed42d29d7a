package io.strata.schemas;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The columns of a typed SQL view of one event type, for analysts: the envelope's columns, then one
 * column per top-level payload field, extracted from the lake table's {@code payload} text.
 *
 * <p>The payload columns are the union of the top-level fields over all versions: first the latest
 * version's, in its order, then those only older versions had (newest first). A field only older
 * versions had is still listed: the lake keeps events as they were upcast at ingest, and events
 * written before an upcaster existed may still carry it; it is null in the others.
 *
 * <p>SQL types for Trino: {@code varchar} (string), {@code bigint} (integer), {@code double} (number,
 * or integer in one version and number in another), {@code boolean}, and {@code json} for objects,
 * arrays, fields of no declared type, and fields whose versions disagree. {@code null} in a type list
 * is left out. A field without {@code type} takes the types of its {@code enum} or {@code const} values.
 *
 * <p>Column names are the field names in lower case (Trino folds identifiers), always quoted; one that
 * would clash with an envelope column or another field gets {@code payload_} before it, then a number.
 * JSON paths use {@code $.name} for a plain name and {@code $["name"]} with {@code \"} and {@code \\}
 * escapes for any other (Trino's JSON path tokenizer reads those). An empty field name cannot be
 * addressed by such a path: it is left out and listed in {@link #skippedFields()}.
 *
 * @param eventType the event type
 * @param columns the payload columns, in view order
 * @param skippedFields top-level fields no column could be made for
 */
public record TypedColumns(String eventType, List<Column> columns, List<String> skippedFields) {
  /** The envelope columns every typed view starts with, as the lake table names them. */
  public static final List<String> ENVELOPE_COLUMNS =
      List.of("event_id", "event_type", "schema_version", "original_schema_version", "tenant_id", "entity_id", "event_time",
          "ingest_time");
  /** Columns of the lake table that a payload column must not be named as either. */
  private static final Set<String> LAKE_COLUMNS =
      Set.of("event_id", "event_type", "schema_version", "tenant_id", "entity_id", "event_time", "ingest_time",
          "source", "correlation_id", "causation_id", "key", "payload", "log_partition", "log_offset", "original_schema_version");

  /**
   * One payload column.
   *
   * @param name the column name, unquoted
   * @param field the payload's field name
   * @param sqlType {@code varchar}, {@code bigint}, {@code double}, {@code boolean} or {@code json}
   * @param jsonPath the JSON path of the field in the payload, such as {@code $.amount_cents}
   */
  public record Column(String name, String field, String sqlType, String jsonPath) {
    public Column {
      requireNonNull(name, "name is null");
      requireNonNull(field, "field is null");
      requireNonNull(sqlType, "sqlType is null");
      requireNonNull(jsonPath, "jsonPath is null");
    }

    /**
     * The SQL that extracts it from the {@code payload} column: {@code json_extract_scalar} for text;
     * {@code CAST(json_extract(..) AS ..)} for numbers and booleans (a JSON number cast to bigint is
     * rounded, so {@code 12.0}, valid as a JSON Schema integer, does not fail the query); {@code
     * json_extract} for json.
     */
    public String expression() {
      String path = "'" + jsonPath.replace("'", "''") + "'";
      return switch (sqlType) {
        case "varchar" -> "json_extract_scalar(\"payload\", " + path + ")";
        case "json" -> "json_extract(\"payload\", " + path + ")";
        default -> "CAST(json_extract(\"payload\", " + path + ") AS " + sqlType + ")";
      };
    }
  }

  public TypedColumns {
    requireNonNull(eventType, "eventType is null");
    columns = List.copyOf(columns);
    skippedFields = List.copyOf(skippedFields);
  }

  /** The typed columns of {@code type}'s payload over all its versions. */
  public static TypedColumns of(SchemaCatalog catalog, String type) {
    requireNonNull(catalog, "catalog is null");
    EventTypeSchema schema = catalog.type(requireNonNull(type, "type is null"))
        .orElseThrow(() -> new IllegalArgumentException("unknown event type '" + type + "'"));
    // Field -> the JSON types its versions declare (null: some version declares none).
    Map<String, Set<String>> fields = new LinkedHashMap<>();
    List<SchemaVersion> newestFirst = new ArrayList<>(schema.versions());
    Collections.reverse(newestFirst);
    for (SchemaVersion version : newestFirst) {
      for (Map.Entry<String, JsonNode> field : version.schemaNode().path("properties").properties()) {
        Set<String> declared = typesOf(field.getValue());
        if (!fields.containsKey(field.getKey())) {
          fields.put(field.getKey(), declared);
        } else if (fields.get(field.getKey()) != null) {
          if (declared == null) {
            fields.put(field.getKey(), null);
          } else {
            fields.get(field.getKey()).addAll(declared);
          }
        }
      }
    }
    Set<String> taken = new HashSet<>(LAKE_COLUMNS);
    List<Column> columns = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Map.Entry<String, Set<String>> field : fields.entrySet()) {
      String name = field.getKey();
      if (name.isEmpty()) {
        skipped.add(name);
        continue;
      }
      columns.add(new Column(columnName(name, taken), name, sqlType(field.getValue()), jsonPath(name)));
    }
    return new TypedColumns(type, columns, skipped);
  }

  /** The view's name: the type with every character but a-z, 0-9 and _ as _ ({@code order.placed} -> {@code order_placed}). */
  public String viewName() {
    return eventType.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
  }

  /**
   * {@code CREATE OR REPLACE VIEW <catalog>.<viewSchema>.<view> AS SELECT <envelope columns>, <payload
   * columns> FROM <catalog>.<tableSchema>.events WHERE event_type = '<type>'}, every identifier quoted.
   */
  public String createViewSql(String catalog, String viewSchema, String tableSchema) {
    requireNonNull(catalog, "catalog is null");
    requireNonNull(viewSchema, "viewSchema is null");
    requireNonNull(tableSchema, "tableSchema is null");
    String prefix = quote(catalog) + "." + quote(tableSchema) + ".";
    StringBuilder sql = new StringBuilder("CREATE OR REPLACE VIEW ").append(quote(catalog)).append(".")
        .append(quote(viewSchema)).append(".").append(quote(viewName()))
        .append(" AS\nSELECT\n");
    List<String> select = new ArrayList<>();
    ENVELOPE_COLUMNS.forEach(c -> select.add("  " + quote(c)));
    columns.forEach(c -> select.add("  " + c.expression() + " AS " + quote(c.name())));
    sql.append(String.join(",\n", select));
    sql.append("\nFROM ").append(prefix).append(quote("events"))
        .append("\nWHERE ").append(quote("event_type")).append(" = '").append(eventType.replace("'", "''")).append("'");
    return sql.toString();
  }

  private static Set<String> typesOf(JsonNode field) {
    JsonNode type = field.get("type");
    Set<String> types = new TreeSet<>();
    if (type != null) {
      if (type.isArray()) {
        type.forEach(t -> types.add(t.asText()));
      } else {
        types.add(type.asText());
      }
    } else if (field.has("enum")) {
      field.get("enum").forEach(v -> types.add(SchemaShape.jsonType(v)));
    } else if (field.has("const")) {
      types.add(SchemaShape.jsonType(field.get("const")));
    } else {
      return null;
    }
    return types;
  }

  private static String sqlType(Set<String> types) {
    if (types == null) {
      return "json";
    }
    Set<String> valued = types.stream().filter(t -> !t.equals("null")).collect(Collectors.toCollection(TreeSet::new));
    if (valued.equals(Set.of("string"))) {
      return "varchar";
    }
    if (valued.equals(Set.of("integer"))) {
      return "bigint";
    }
    if (valued.equals(Set.of("number")) || valued.equals(Set.of("integer", "number"))) {
      return "double";
    }
    if (valued.equals(Set.of("boolean"))) {
      return "boolean";
    }
    return "json";
  }

  private static String columnName(String field, Set<String> taken) {
    String base = field.toLowerCase(Locale.ROOT);
    String name = taken.contains(base) ? "payload_" + base : base;
    for (int n = 2; taken.contains(name); n++) {
      name = "payload_" + base + "_" + n;
    }
    taken.add(name);
    return name;
  }

  private static String jsonPath(String field) {
    if (field.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      return "$." + field;
    }
    return "$[\"" + field.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
