package io.strata.schemas;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.strata.config.FileKeyException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the event types of a folder ({@code schemas/}): one folder per type, named after it, holding
 * {@code type.yaml} and {@code v1.yaml} .. {@code vN.yaml}. Every problem stops the load with a {@link
 * FileKeyException} naming the file, the key and why. The format is described in {@code
 * schemas/README.md}.
 *
 * <pre>
 * schemas/order.placed/type.yaml
 *   type: order.placed
 *   owner: checkout
 *   description: A customer placed an order.
 *   compatibility: BACKWARD_TRANSITIVE     # optional, the default
 * schemas/order.placed/v2.yaml
 *   type: order.placed
 *   version: 2
 *   schema: {type: object, ...}            # JSON Schema 2020-12 of the payload
 *   deprecated: [{field: /amount, since: 2026-01-31, reason: use amount_cents}]   # optional
 *   upcast:                                # optional: the steps from v1
 *     - java: order-placed-amount-to-cents
 * </pre>
 *
 * Compatibility between versions is not checked here: {@link CompatibilityCheck} does it.
 */
public final class SchemaFiles {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Pattern VERSION_FILE = Pattern.compile("v([1-9][0-9]{0,5})\\.yaml");

  private SchemaFiles() {}

  /** The event types of {@code dir} with the classpath's Java upcasters. */
  public static SchemaCatalog load(Path dir) {
    return load(dir, JavaUpcasters.standard());
  }

  public static SchemaCatalog load(Path dir, JavaUpcasters upcasters) {
    String folder = dir.toString();
    if (!Files.isDirectory(dir)) {
      throw new FileKeyException(folder, "(folder)", "does not exist or is not a folder");
    }
    CatalogParser parser = new CatalogParser(upcasters);
    List<EventTypeSchema> types = new ArrayList<>();
    for (Path entry : list(dir)) {
      String name = entry.getFileName().toString();
      if (name.startsWith(".")) {
        continue;
      }
      if (Files.isDirectory(entry)) {
        types.add(type(entry, parser));
      } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        throw new FileKeyException(entry.toString(), "(file)",
            "an event type is a folder: " + dir.resolve("<type>/type.yaml") + " and " + dir.resolve("<type>/v1.yaml"));
      }
    }
    if (types.isEmpty()) {
      throw new FileKeyException(folder, "(folder)", "has no event types: one folder per type, with type.yaml and v1.yaml");
    }
    return new SchemaCatalog(types, parser.javaUpcasters());
  }

  private static EventTypeSchema type(Path dir, CatalogParser parser) {
    String name = dir.getFileName().toString();
    if (!name.matches(CatalogParser.TYPE_NAME)) {
      throw new FileKeyException(dir.toString(), "(folder)",
          "'" + name + "' is not an event type name: lower-case words of letters, digits and _, joined by dots");
    }
    Path typeFile = dir.resolve("type.yaml");
    TreeMap<Integer, Path> versionFiles = new TreeMap<>();
    for (Path entry : list(dir)) {
      String file = entry.getFileName().toString();
      Matcher version = VERSION_FILE.matcher(file);
      if (file.startsWith(".") || file.equals("type.yaml")) {
        continue;
      }
      if (!version.matches() || Files.isDirectory(entry)) {
        throw new FileKeyException(entry.toString(), "(file)",
            "unexpected here: an event type's folder holds type.yaml and v1.yaml, v2.yaml, ... only");
      }
      versionFiles.put(Integer.parseInt(version.group(1)), entry);
    }
    if (!Files.isRegularFile(typeFile)) {
      throw new FileKeyException(typeFile.toString(), "(file)", "is missing: it names the type's owner and description");
    }
    CatalogParser.TypeHeader header = CatalogParser.typeHeader(typeFile.toString(), read(typeFile), name);
    if (versionFiles.isEmpty()) {
      throw new FileKeyException(dir.resolve("v1.yaml").toString(), "(file)", "is missing: a type has versions 1..N");
    }
    int latest = versionFiles.lastKey();
    for (int v = 1; v <= latest; v++) {
      if (!versionFiles.containsKey(v)) {
        throw new FileKeyException(dir.resolve("v" + v + ".yaml").toString(), "(file)",
            "is missing: versions run 1.." + latest + " without gaps");
      }
    }
    List<SchemaVersion> versions = new ArrayList<>();
    for (Path file : versionFiles.values()) {
      versions.add(parser.version(file.toString(), read(file), name, versions.size() + 1, versions));
    }
    return new EventTypeSchema(name, header.owner(), header.description(), header.compatibility(), versions, typeFile.toString());
  }

  private static JsonNode read(Path path) {
    String file = path.toString();
    String text;
    try {
      text = Files.readString(path);
    } catch (IOException e) {
      throw new FileKeyException(file, "(file)", "cannot be read: " + e.getMessage());
    }
    try {
      return YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new FileKeyException(file, "(file)", "is not valid YAML: " + e.getOriginalMessage());
    }
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> listing = Files.list(dir)) {
      return listing.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
