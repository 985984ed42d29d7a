package io.strata.schemas;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.config.FileKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of a catalog: what travels on a compacted Kafka topic and inside a serialized catalog.
 * Each type and version is written as its file says it (with the file's name), so reading it back goes
 * through the same checks as loading the files.
 *
 * <pre>
 * {"format": 1, "types": [{"type": "order.placed", "owner": ..., "description": ..., "compatibility": ...,
 *   "file": "schemas/order.placed/type.yaml",
 *   "versions": [{"type": "order.placed", "version": 1, "schema": {...}, "deprecated": [...], "upcast": [...],
 *     "file": "schemas/order.placed/v1.yaml"}, ...]}, ...]}
 * </pre>
 */
final class CatalogJson {
  static final int FORMAT = 1;
  private static final String SOURCE = "(catalog JSON)";
  private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private CatalogJson() {}

  static String write(List<EventTypeSchema> types) {
    try {
      return JSON.writeValueAsString(tree(types, true));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the catalog", e);
    }
  }

  /** SHA-256 of the content with object keys sorted and file names left out. */
  static String fingerprint(List<EventTypeSchema> types) {
    try {
      byte[] canonical = JSON.writeValueAsBytes(sorted(tree(types, false)));
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint the catalog", e);
    }
  }

  static SchemaCatalog read(String json, JavaUpcasters upcasters) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new FileKeyException(SOURCE, "(file)", "is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new FileKeyException(SOURCE, "(file)", "must be a JSON object with format and types");
    }
    if (root.path("format").asInt(-1) != FORMAT) {
      throw new FileKeyException(SOURCE, "format", "must be " + FORMAT + ", got '" + root.path("format") + "'");
    }
    JsonNode typeList = root.path("types");
    if (!typeList.isArray() || typeList.isEmpty()) {
      throw new FileKeyException(SOURCE, "types", "must be a non-empty list of event types");
    }
    CatalogParser parser = new CatalogParser(upcasters);
    List<EventTypeSchema> types = new ArrayList<>();
    for (JsonNode node : typeList) {
      if (!node.isObject()) {
        throw new FileKeyException(SOURCE, "types", "must hold objects, got '" + node + "'");
      }
      ObjectNode header = ((ObjectNode) node).deepCopy();
      String file = fileOf(header);
      JsonNode versionList = header.remove("versions");
      CatalogParser.TypeHeader type = CatalogParser.typeHeader(file, header, header.path("type").asText());
      if (versionList == null || !versionList.isArray() || versionList.isEmpty()) {
        throw new FileKeyException(file, "versions", "must be a non-empty list of versions");
      }
      List<SchemaVersion> versions = new ArrayList<>();
      for (JsonNode version : versionList) {
        if (!version.isObject()) {
          throw new FileKeyException(file, "versions", "must hold objects, got '" + version + "'");
        }
        ObjectNode content = ((ObjectNode) version).deepCopy();
        String versionFile = fileOf(content);
        versions.add(parser.version(versionFile, content, type.name(), versions.size() + 1, versions));
      }
      types.add(new EventTypeSchema(type.name(), type.owner(), type.description(), type.compatibility(), versions, file));
    }
    return new SchemaCatalog(types, parser.javaUpcasters());
  }

  private static String fileOf(ObjectNode node) {
    JsonNode file = node.remove("file");
    if (file == null || !file.isTextual()) {
      throw new FileKeyException(SOURCE, "file", "every type and version names its file, got '" + file + "' in " + node.path("type"));
    }
    return file.asText();
  }

  private static ObjectNode tree(List<EventTypeSchema> types, boolean withFiles) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    ArrayNode list = root.putArray("types");
    for (EventTypeSchema type : types) {
      ObjectNode t = list.addObject();
      t.put("type", type.name());
      t.put("owner", type.owner());
      t.put("description", type.description());
      t.put("compatibility", type.compatibility().name());
      if (withFiles) {
        t.put("file", type.file());
      }
      ArrayNode versions = t.putArray("versions");
      for (SchemaVersion version : type.versions()) {
        ObjectNode v = versions.addObject();
        v.put("type", version.type());
        v.put("version", version.version());
        v.set("schema", version.schema());
        ArrayNode deprecated = v.putArray("deprecated");
        for (DeprecatedField field : version.deprecated()) {
          deprecated.addObject()
              .put("field", field.field())
              .put("since", field.since().toString())
              .put("reason", field.reason());
        }
        ArrayNode upcast = v.putArray("upcast");
        version.upcast().forEach(step -> upcast.add(step(step)));
        if (withFiles) {
          v.put("file", version.file());
        }
      }
    }
    return root;
  }

  private static ObjectNode step(UpcastStep step) {
    ObjectNode node = JSON.createObjectNode();
    if (step instanceof UpcastStep.Add add) {
      node.put("add", add.field()).set("value", add.value());
    } else if (step instanceof UpcastStep.Rename rename) {
      node.put("rename", rename.field()).put("to", rename.to());
    } else if (step instanceof UpcastStep.Move move) {
      node.put("move", move.field()).put("to", move.to());
    } else if (step instanceof UpcastStep.Remove remove) {
      node.put("remove", remove.field());
    } else if (step instanceof UpcastStep.Java java) {
      node.put("java", java.name());
    }
    return node;
  }

  /** A copy with every object's keys in order: key order is not content. */
  static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = JSON.createObjectNode();
      Map<String, JsonNode> fields = new TreeMap<>();
      node.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
      fields.forEach((k, v) -> copy.set(k, sorted(v)));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JSON.createArrayNode();
      node.forEach(e -> copy.add(sorted(e)));
      return copy;
    }
    return node;
  }
}
