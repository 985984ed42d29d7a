package io.strata.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Properties;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flat {@code strata.*} configuration as read from a properties file, with typed reads that name the key
 * in every error. Config records read from it once, at start-up.
 */
public final class ConfigValues {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d{1,18})\\s*(b|kb|mb|gb)?");

  private final Map<String, String> values;

  public ConfigValues(Map<String, String> values) {
    this.values = Map.copyOf(requireNonNull(values, "values is null"));
  }

  /** The keys and values of a properties file. */
  public static Map<String, String> readProperties(Path file) throws IOException {
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      props.load(reader);
    }
    Map<String, String> values = new HashMap<>();
    props.stringPropertyNames().forEach(k -> values.put(k, props.getProperty(k)));
    return values;
  }

  public Map<String, String> asMap() {
    return values;
  }

  /** Fails naming the first key under one of {@code prefixes} that is not in {@code known}. */
  public void rejectUnknown(Set<String> prefixes, Set<String> known) {
    for (String key : new TreeSet<>(values.keySet())) {
      boolean ours = prefixes.stream().anyMatch(key::startsWith);
      if (ours && !known.contains(key)) {
        throw new IllegalArgumentException("unknown configuration key '" + key + "'");
      }
    }
  }

  public Optional<String> optional(String key) {
    String value = values.get(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public String string(String key, String defaultValue) {
    return optional(key).orElse(defaultValue);
  }

  public int integer(String key, int defaultValue, int min, int max) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    int value;
    try {
      value = Integer.parseInt(raw.get());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got '" + raw.get() + "'");
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          key + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  /** {@code true} or {@code false}; anything else fails, naming the key. */
  public boolean bool(String key, boolean defaultValue) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    if (!raw.get().equals("true") && !raw.get().equals("false")) {
      throw new IllegalArgumentException(key + " must be true or false, got '" + raw.get() + "'");
    }
    return Boolean.parseBoolean(raw.get());
  }

  public long longValue(String key, long defaultValue, long min) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      long value = Long.parseLong(raw.get());
      if (value < min) {
        throw new IllegalArgumentException(key + " must be at least " + min + ", got " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got '" + raw.get() + "'");
    }
  }

  /** Sizes in bytes as {@code 65536}, {@code 512kb}, {@code 128mb} or {@code 2gb} (powers of 1024). */
  public long bytes(String key, long defaultValue, long min) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    Matcher m = SIZE.matcher(raw.get().toLowerCase(java.util.Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          key + " must be a size such as 65536, 512kb, 128mb or 2gb, got '" + raw.get() + "'");
    }
    long n = Long.parseLong(m.group(1));
    int shift = m.group(2) == null ? 0 : switch (m.group(2)) {
      case "kb" -> 10;
      case "mb" -> 20;
      case "gb" -> 30;
      default -> 0;
    };
    if (n > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException(key + " is too large: '" + raw.get() + "'");
    }
    long value = n << shift;
    if (value < min) {
      throw new IllegalArgumentException(key + " must be at least " + min + " bytes, got '" + raw.get() + "'");
    }
    return value;
  }

  /** Durations as {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 7d}. */
  public Duration duration(String key, Duration defaultValue) {
    Optional<String> raw = optional(key);
    return raw.isEmpty() ? defaultValue : parseDuration(key, raw.get());
  }

  public static Duration parseDuration(String key, String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          key + " must be a duration such as 500ms, 10s, 5m, 2h or 7d, got '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
