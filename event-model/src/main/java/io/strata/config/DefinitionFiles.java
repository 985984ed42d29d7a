package io.strata.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/** What the folders of definition files (projections, tiering policies) have in common. */
public final class DefinitionFiles {
  private DefinitionFiles() {}

  /** Every {@code *.yaml} and {@code *.yml} file of {@code dir}, by file name; none when it does not exist. */
  public static List<Path> yamlFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> listing = Files.list(dir)) {
      return listing.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /**
   * A definition's {@code event-types}: empty when left out (all types), else a non-empty list of names;
   * {@code error} makes the exception for a key and why.
   */
  public static Set<String> eventTypes(JsonNode root, BiFunction<String, String, ? extends RuntimeException> error) {
    JsonNode types = root.get("event-types");
    if (types == null || types.isNull()) {
      return Set.of();
    }
    if (!types.isArray() || types.isEmpty()) {
      throw error.apply("event-types", "must be a non-empty list of event types, or left out for all types");
    }
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode type : types) {
      if (!type.isTextual() || type.asText().isBlank()) {
        throw error.apply("event-types", "must hold event type names, got '" + type + "'");
      }
      out.add(type.asText());
    }
    return out;
  }
}
