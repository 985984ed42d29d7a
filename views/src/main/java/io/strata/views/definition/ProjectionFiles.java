package io.strata.views.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.strata.config.ConfigValues;
import io.strata.config.DefinitionFiles;
import io.strata.views.fold.Fold;
import io.strata.views.fold.FoldFactory;
import io.strata.views.fold.FoldParameters;
import io.strata.views.fold.FoldRegistry;
import io.strata.views.fold.CounterFold;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the projection definitions of a folder ({@code projections/*.yaml}): one projection per file.
 * Every problem stops the load with the file, the key and why ({@link DefinitionException}).
 *
 * <pre>
 * name: order-state          # lower-case letters, digits, dashes
 * version: 1                 # a changed definition gets a new version
 * description: ...
 * key: entity                # entity | field:&lt;payload field&gt; | event-type-minute
 * event-types: [order.placed, order.shipped]   # optional: all types
 * fold: latest-state         # latest-state | timeline | counter | a registered custom fold
 * parameters: {}             # the fold's (timeline: limit; counter: allowed-lateness)
 * ttl: 7d                    # optional, default 7d
 * </pre>
 */
public final class ProjectionFiles {
  public static final Duration DEFAULT_TTL = Duration.ofDays(7);
  private static final Set<String> KEYS =
      Set.of("name", "version", "description", "key", "event-types", "fold", "parameters", "ttl");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ProjectionFiles() {}

  /** Every {@code *.yaml} and {@code *.yml} file of {@code dir}, by file name; none when it does not exist. */
  public static List<ProjectionDefinition> load(Path dir, FoldRegistry folds) {
    return loadFiles(dir, folds).stream().map(ProjectionFile::definition).toList();
  }

  /** The same, each definition with its file's text (what the catalog keeps with a version). */
  public static List<ProjectionFile> loadFiles(Path dir, FoldRegistry folds) {
    List<Path> files = DefinitionFiles.yamlFiles(dir);
    List<ProjectionFile> definitions = new ArrayList<>();
    Map<String, String> fileByName = new HashMap<>();
    for (Path file : files) {
      String text = text(file);
      ProjectionDefinition definition = parse(file.toString(), text, folds);
      String other = fileByName.putIfAbsent(definition.name(), definition.file());
      if (other != null) {
        throw new DefinitionException(definition.file(), "name",
            "projection '" + definition.name() + "' is already defined in " + other);
      }
      definitions.add(new ProjectionFile(definition, text));
    }
    return List.copyOf(definitions);
  }

  public static ProjectionDefinition read(Path path, FoldRegistry folds) {
    return parse(path.toString(), text(path), folds);
  }

  /** A projection file's text, as the catalog keeps it with the version it defines. */
  public static String text(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new DefinitionException(path.toString(), "(file)", "cannot be read: " + e.getMessage());
    }
  }

  /**
   * Whether two definitions' texts define the same projection: the same keys and values, whatever the
   * comments, the layout or the description say. A version's definition must not change once it exists.
   */
  public static boolean sameDefinition(String a, String b) {
    try {
      JsonNode left = YAML.readTree(a);
      JsonNode right = YAML.readTree(b);
      if (left instanceof ObjectNode l && right instanceof ObjectNode r) {
        l.remove("description");
        r.remove("description");
      }
      return java.util.Objects.equals(left, right);
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /** A definition from its text; {@code file} names where it came from, in messages. */
  public static ProjectionDefinition parse(String file, String text, FoldRegistry folds) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new DefinitionException(file, "(file)", "is not valid YAML: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new DefinitionException(file, "(file)", "must be a YAML mapping with name, version, key and fold");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String key = names.next();
      if (!KEYS.contains(key)) {
        throw new DefinitionException(file, key, "unknown key; known: " + String.join(", ", new java.util.TreeSet<>(KEYS)));
      }
    }
    String name = text(root, file, "name");
    if (!name.matches("[a-z][a-z0-9-]{0,62}")) {
      throw new DefinitionException(file, "name", "must be lower-case letters, digits and dashes (at most 63), got '" + name + "'");
    }
    JsonNode version = required(root, file, "version");
    if (!version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() < 1) {
      throw new DefinitionException(file, "version", "must be a whole number of at least 1, got '" + version.asText() + "'");
    }
    KeySpec key = KeySpec.parse(text(root, file, "key"), file);
    String foldName = text(root, file, "fold");
    FoldFactory factory =
        folds.find(foldName)
            .orElseThrow(() -> new DefinitionException(file, "fold",
                "no fold named '" + foldName + "'; known: " + String.join(", ", folds.names())));
    JsonNode parameters = root.get("parameters");
    if (parameters != null && !parameters.isObject() && !parameters.isNull()) {
      throw new DefinitionException(file, "parameters", "must be a mapping of the fold's parameters");
    }
    Fold fold = factory.create(new FoldParameters(file, parameters instanceof ObjectNode object ? object : null));
    if (fold instanceof CounterFold && key.kind() != KeySpec.Kind.EVENT_TYPE_MINUTE) {
      throw new DefinitionException(file, "key", "the counter fold counts per event type and minute: key must be event-type-minute, got '" + key + "'");
    }
    Duration ttl = DEFAULT_TTL;
    if (root.hasNonNull("ttl")) {
      try {
        ttl = ConfigValues.parseDuration("ttl", root.get("ttl").asText());
      } catch (IllegalArgumentException e) {
        throw new DefinitionException(file, "ttl", "must be a duration such as 30m, 12h or 7d, got '" + root.get("ttl").asText() + "'");
      }
      if (ttl.isZero()) {
        throw new DefinitionException(file, "ttl", "must be positive");
      }
    }
    return new ProjectionDefinition(
        name, version.intValue(), root.path("description").asText(""), key, eventTypes(root, file), foldName, fold, ttl, file);
  }

  private static Set<String> eventTypes(JsonNode root, String file) {
    return DefinitionFiles.eventTypes(root, (key, why) -> new DefinitionException(file, key, why));
  }


  private static JsonNode required(JsonNode root, String file, String key) {
    JsonNode value = root.get(key);
    if (value == null || value.isNull()) {
      throw new DefinitionException(file, key, "is required");
    }
    return value;
  }

  private static String text(JsonNode root, String file, String key) {
    JsonNode value = required(root, file, key);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new DefinitionException(file, key, "must be text, got '" + value + "'");
    }
    return value.asText().trim();
  }
}
