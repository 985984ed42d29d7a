package io.strata.views.fold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.config.ConfigValues;
import io.strata.views.definition.DefinitionException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;

/** The {@code parameters} of a projection definition, read by its fold; every error names file and key. */
public final class FoldParameters {
  private final String file;
  private final ObjectNode values;

  public FoldParameters(String file, ObjectNode values) {
    this.file = file;
    this.values = values == null ? JsonNodeFactory.instance.objectNode() : values;
  }

  public static FoldParameters none(String file) {
    return new FoldParameters(file, null);
  }

  public int integer(String key, int defaultValue, int min, int max) {
    JsonNode value = values.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber()) {
      throw error(key, "must be a whole number, got '" + value.asText() + "'");
    }
    int n = value.intValue();
    if (n < min || n > max) {
      throw error(key, "must be between " + min + " and " + max + ", got " + n);
    }
    return n;
  }

  public Duration duration(String key, Duration defaultValue) {
    JsonNode value = values.get(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      return ConfigValues.parseDuration(key, value.asText());
    } catch (IllegalArgumentException e) {
      throw error(key, "must be a duration such as 500ms, 10s, 5m, 2h or 7d, got '" + value.asText() + "'");
    }
  }

  /** Fails on a parameter the fold does not know. */
  public void rejectUnknown(Set<String> known) {
    for (Iterator<String> names = values.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw error(name, "unknown parameter" + (known.isEmpty() ? " (this fold takes none)" : "; known: " + String.join(", ", new java.util.TreeSet<>(known))));
      }
    }
  }

  public DefinitionException error(String key, String why) {
    return new DefinitionException(file, "parameters." + key, why);
  }
}
