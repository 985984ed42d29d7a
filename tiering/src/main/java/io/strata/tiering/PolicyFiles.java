package io.strata.tiering;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.strata.config.ConfigValues;
import io.strata.config.DefinitionFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tiering policies as YAML files, one policy per file, checked whole before anything uses them: every
 * error names the file, the key and why.
 *
 * <pre>
 * name: events                      # lower-case letters, digits, dashes
 * table: strata.events              # the lake's table
 * event-types: [page.viewed]        # optional: the partitions of these types only; no two policies share one
 * hot-log-retention: 7d             # how long events.log keeps records (never before the lake has them)
 * compaction:
 *   after: 10m                      # files younger than this are left for a later run
 *   target-file-size: 128mb
 *   max-files-per-partition: 4      # more files than this (of those old enough): compact
 *   sort-order: [tenant_id, entity_id, event_time]
 * cold:                             # optional
 *   after: 30d                      # from the end of the month: its days rolled up into one month partition
 *   target-file-size: 512mb
 *   compression: zstd               # zstd, gzip, snappy, lz4, uncompressed
 * expire-after: 400d                # optional: partitions are deleted this long after their day (month) ends
 * snapshots:
 *   keep: 3d                        # the time-travel window
 *   min-count: 5                    # optional, default 1
 * orphan-files:
 *   min-age: 3d                     # unreferenced files younger than this are never deleted
 * </pre>
 */
public final class PolicyFiles {
  public static final String TABLE = "strata.events";
  static final Set<String> CODECS = Set.of("zstd", "gzip", "snappy", "lz4", "uncompressed");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> KEYS =
      Set.of("name", "table", "event-types", "tenants", "hot-log-retention", "compaction", "cold", "expire-after",
          "snapshots", "orphan-files");
  private static final Set<String> COMPACTION_KEYS = Set.of("after", "target-file-size", "max-files-per-partition", "sort-order");
  private static final Set<String> COLD_KEYS = Set.of("after", "target-file-size", "compression");
  private static final Set<String> SNAPSHOT_KEYS = Set.of("keep", "min-count");
  private static final Set<String> ORPHAN_KEYS = Set.of("min-age");
  private static final long MIN_FILE_BYTES = 1L << 20;
  private static final Duration ONE_HOUR = Duration.ofHours(1);

  private PolicyFiles() {}

  /**
   * Every {@code *.yaml} and {@code *.yml} file of {@code dir}, by file name; none when it does not exist.
   *
   * @param columns the table's columns, which a sort order may name
   */
  public static List<TieringPolicy> load(Path dir, Set<String> columns) {
    List<Path> files = DefinitionFiles.yamlFiles(dir);
    List<TieringPolicy> policies = new ArrayList<>();
    for (Path file : files) {
      TieringPolicy policy = read(file, columns);
      for (TieringPolicy other : policies) {
        if (other.name().equals(policy.name())) {
          throw new PolicyException(policy.file(), "name", "policy '" + policy.name() + "' is already defined in " + other.file());
        }
        Set<String> shared = new TreeSet<>(policy.eventTypes());
        shared.retainAll(other.eventTypes());
        if ((policy.eventTypes().isEmpty() && other.eventTypes().isEmpty()) || !shared.isEmpty()) {
          throw new PolicyException(policy.file(), "event-types", "governs "
              + (shared.isEmpty() ? "all event types" : "event types " + shared) + ", as " + other.file()
              + " does: a partition has one policy");
        }
      }
      policies.add(policy);
    }
    return List.copyOf(policies);
  }

  public static TieringPolicy read(Path path, Set<String> columns) {
    String file = path.toString();
    try {
      return parse(file, Files.readString(path), columns);
    } catch (IOException e) {
      throw new PolicyException(file, "(file)", "cannot be read: " + e.getMessage());
    }
  }

  static TieringPolicy parse(String file, String text, Set<String> columns) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new PolicyException(file, "(file)", "is not valid YAML: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new PolicyException(file, "(file)", "must be a YAML mapping with name, table, hot-log-retention, compaction, snapshots and orphan-files");
    }
    known(root, file, "", KEYS);
    if (root.has("tenants")) {
      throw new PolicyException(file, "tenants", "a policy cannot be scoped to tenants: tenant is not a partition dimension"
          + " of " + TABLE + " (day and event type are), so a tenant's retention would need row-level deletes");
    }
    String name = text(root, file, "name");
    if (!name.matches("[a-z][a-z0-9-]{0,62}")) {
      throw new PolicyException(file, "name", "must be lower-case letters, digits and dashes (at most 63), got '" + name + "'");
    }
    String table = text(root, file, "table");
    if (!table.equals(TABLE)) {
      throw new PolicyException(file, "table", "must be " + TABLE + " (the lake's table), got '" + table + "'");
    }
    Duration hotLog = duration(root, file, "hot-log-retention", ONE_HOUR);

    JsonNode c = mapping(root, file, "compaction", COMPACTION_KEYS);
    TieringPolicy.Compaction compaction =
        new TieringPolicy.Compaction(
            duration(c, file, "compaction.after", Duration.ZERO),
            size(c, file, "compaction.target-file-size"),
            count(c, file, "compaction.max-files-per-partition"),
            sortOrder(c, file, columns));

    Optional<TieringPolicy.Cold> cold = Optional.empty();
    if (root.hasNonNull("cold")) {
      JsonNode k = mapping(root, file, "cold", COLD_KEYS);
      String codec = text(k, file, "cold.compression").toLowerCase(java.util.Locale.ROOT);
      if (!CODECS.contains(codec)) {
        throw new PolicyException(file, "cold.compression", "must be one of " + new TreeSet<>(CODECS) + ", got '" + codec + "'");
      }
      long target = size(k, file, "cold.target-file-size");
      if (target < compaction.targetFileBytes()) {
        throw new PolicyException(file, "cold.target-file-size", "must be at least compaction.target-file-size: cold files are bigger");
      }
      cold = Optional.of(new TieringPolicy.Cold(duration(k, file, "cold.after", Duration.ofDays(1)), target, codec));
    }
    Optional<Duration> expire = Optional.empty();
    if (root.hasNonNull("expire-after")) {
      Duration after = duration(root, file, "expire-after", Duration.ofDays(1));
      if (cold.isPresent() && after.compareTo(cold.get().after()) <= 0) {
        throw new PolicyException(file, "expire-after", "must be longer than cold.after (" + text(root.get("cold"), file, "cold.after")
            + "): a partition turns cold before it expires");
      }
      expire = Optional.of(after);
    }
    JsonNode s = mapping(root, file, "snapshots", SNAPSHOT_KEYS);
    // Minutes are allowed: at a commit every few seconds, each retained snapshot costs metadata on every
    // commit. A query that runs longer than the window may find its snapshot's files gone.
    Duration keep = duration(s, file, "snapshots.keep", Duration.ofMinutes(1));
    int minCount = s.has("min-count") ? count(s, file, "snapshots.min-count") : 1;
    JsonNode o = mapping(root, file, "orphan-files", ORPHAN_KEYS);
    Duration orphanAge = duration(o, file, "orphan-files.min-age", ONE_HOUR);
    return new TieringPolicy(name, table, eventTypes(root, file), hotLog, compaction, cold, expire, keep, minCount, orphanAge, file);
  }

  private static void known(JsonNode node, String file, String prefix, Set<String> keys) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String key = names.next();
      if (!keys.contains(key)) {
        throw new PolicyException(file, prefix + key, "unknown key; known: " + String.join(", ", new TreeSet<>(keys)));
      }
    }
  }

  private static JsonNode mapping(JsonNode root, String file, String key, Set<String> keys) {
    JsonNode value = root.get(key);
    if (value == null || value.isNull()) {
      throw new PolicyException(file, key, "is required");
    }
    if (!value.isObject()) {
      throw new PolicyException(file, key, "must be a mapping of " + String.join(", ", new TreeSet<>(keys)));
    }
    known(value, file, key + ".", keys);
    return value;
  }

  private static JsonNode required(JsonNode node, String file, String path) {
    JsonNode value = node.get(path.substring(path.lastIndexOf('.') + 1));
    if (value == null || value.isNull()) {
      throw new PolicyException(file, path, "is required");
    }
    return value;
  }

  private static String text(JsonNode node, String file, String path) {
    JsonNode value = required(node, file, path);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new PolicyException(file, path, "must be text, got '" + value + "'");
    }
    return value.asText().trim();
  }

  private static Duration duration(JsonNode node, String file, String path, Duration min) {
    String text = required(node, file, path).asText();
    Duration d;
    try {
      d = ConfigValues.parseDuration(path, text);
    } catch (IllegalArgumentException e) {
      throw new PolicyException(file, path, "must be a duration such as 10m, 12h or 30d, got '" + text + "'");
    }
    if (d.compareTo(min) < 0) {
      throw new PolicyException(file, path, "must be at least " + durationText(min) + ", got '" + text + "'");
    }
    return d;
  }

  private static long size(JsonNode node, String file, String path) {
    String text = required(node, file, path).asText();
    try {
      return new ConfigValues(Map.of(path, text)).bytes(path, 0, MIN_FILE_BYTES);
    } catch (IllegalArgumentException e) {
      throw new PolicyException(file, path, "must be a size of at least 1mb such as 128mb or 1gb, got '" + text + "'");
    }
  }

  private static int count(JsonNode node, String file, String path) {
    JsonNode value = required(node, file, path);
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
      throw new PolicyException(file, path, "must be a whole number of at least 1, got '" + value.asText() + "'");
    }
    return value.intValue();
  }

  private static List<String> sortOrder(JsonNode node, String file, Set<String> columns) {
    JsonNode value = required(node, file, "compaction.sort-order");
    if (!value.isArray() || value.isEmpty()) {
      throw new PolicyException(file, "compaction.sort-order", "must be a non-empty list of columns of " + TABLE);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode column : value) {
      if (!columns.contains(column.asText())) {
        throw new PolicyException(file, "compaction.sort-order", "'" + column.asText() + "' is not a column of " + TABLE
            + "; its columns: " + String.join(", ", new TreeSet<>(columns)));
      }
      out.add(column.asText());
    }
    return out;
  }

  private static Set<String> eventTypes(JsonNode root, String file) {
    return DefinitionFiles.eventTypes(root, (key, why) -> new PolicyException(file, key, why));
  }

  /** A duration as a policy file writes it: {@code 3d}, {@code 12h}, {@code 10m}. */
  public static String durationText(Duration d) {
    if (d.isZero()) {
      return "0";
    }
    if (d.toHours() % 24 == 0 && d.toDays() > 0) {
      return d.toDays() + "d";
    }
    return d.toMinutes() % 60 == 0 ? d.toHours() + "h" : d.toMinutes() + "m";
  }
}
