package io.strata.embedded.trino;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The effective {@code etc/} of one Trino node: a copy of the template with what only the launcher
 * knows filled in (port, node id, data directory, the catalog token switch). Comments and the order
 * of the template's lines are kept, so the written files read like the template.
 */
final class TrinoEtc {
  static final String CONFIG = "config.properties";
  static final String JVM_CONFIG = "jvm.config";
  static final String NODE = "node.properties";
  static final String LOG = "log.properties";
  static final String CATALOG_DIR = "catalog";
  static final String LAKE_CATALOG = "lake.properties";

  /** The REST catalog's bearer token; the value stays in the environment, never in the file. */
  static final List<String> TOKEN_LINES =
      List.of(
          "iceberg.rest-catalog.security=OAUTH2",
          "iceberg.rest-catalog.oauth2.token=${ENV:STRATA_CATALOG_TOKEN}",
          // A static token: nothing to refresh, and the catalog serves no OAuth2 token endpoint.
          "iceberg.rest-catalog.oauth2.token-refresh-enabled=false");

  private static final Pattern KEY = Pattern.compile("^\\s*([^#!\\s=:][^\\s=:]*)\\s*[=:\\s]");

  private TrinoEtc() {}

  /** Fails naming {@code strata.trino.etc-dir} when the template lacks a file Trino needs. */
  static void checkTemplate(Path template) {
    if (!Files.isDirectory(template)) {
      throw new IllegalStateException(
          TrinoSettings.ETC_DIR + ": " + template + " is not a directory");
    }
    for (String name : List.of(CONFIG, JVM_CONFIG, NODE)) {
      if (!Files.isRegularFile(template.resolve(name))) {
        throw new IllegalStateException(
            TrinoSettings.ETC_DIR + ": " + template + " has no " + name);
      }
    }
  }

  /**
   * Writes {@code <workDir>/etc} from the template and returns it. The node id of an earlier write
   * is kept, so the node keeps its identity across restarts.
   */
  static Path write(Path template, Path workDir, int port, boolean catalogToken)
      throws IOException {
    Path etc = workDir.resolve("etc");
    Optional<String> previousNodeId = readProperties(etc.resolve(NODE)).map(p -> p.get("node.id"));
    deleteRecursively(etc);
    Files.createDirectories(etc);
    copyTree(template, etc);

    Map<String, String> config = new LinkedHashMap<>();
    config.put("http-server.http.port", Integer.toString(port));
    config.put("discovery.uri", "http://127.0.0.1:" + port);
    override(etc.resolve(CONFIG), config);

    Map<String, String> node = new LinkedHashMap<>();
    Map<String, String> templateNode = readProperties(template.resolve(NODE)).orElseThrow();
    node.put(
        "node.id",
        previousNodeId
            .or(() -> Optional.ofNullable(templateNode.get("node.id")))
            .orElseGet(() -> "strata-" + UUID.randomUUID()));
    node.put("node.data-dir", workDir.resolve("data").toAbsolutePath().toString());
    override(etc.resolve(NODE), node);
    Files.createDirectories(workDir.resolve("data"));

    Path lake = etc.resolve(CATALOG_DIR).resolve(LAKE_CATALOG);
    if (catalogToken && Files.isRegularFile(lake)) {
      Map<String, String> security = new LinkedHashMap<>();
      for (String line : TOKEN_LINES) {
        int eq = line.indexOf('=');
        security.put(line.substring(0, eq), line.substring(eq + 1));
      }
      override(lake, security);
    }
    return etc;
  }

  /**
   * The JVM options of {@code jvm.config} (one per line, {@code #} comments), with {@code -Xmx}
   * replaced by {@code heap}.
   */
  static List<String> jvmOptions(Path jvmConfig, String heap) throws IOException {
    List<String> options = new ArrayList<>();
    for (String line : Files.readAllLines(jvmConfig, StandardCharsets.UTF_8)) {
      String option = line.trim();
      if (option.isEmpty() || option.startsWith("#") || option.startsWith("-Xmx")) {
        continue;
      }
      options.add(option);
    }
    options.add("-Xmx" + heap);
    return options;
  }

  /** The properties of a file, in no particular order; empty when the file does not exist. */
  static Optional<Map<String, String>> readProperties(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      values.put(name, properties.getProperty(name));
    }
    return Optional.of(values);
  }

  /** Sets each key in place where the file has it, and appends the keys it lacks. */
  private static void override(Path file, Map<String, String> values) throws IOException {
    Map<String, String> missing = new LinkedHashMap<>(values);
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      Matcher key = KEY.matcher(line);
      if (key.find() && values.containsKey(key.group(1))) {
        String name = key.group(1);
        if (missing.remove(name) != null) {
          lines.add(name + "=" + values.get(name));
        }
        continue; // a repeated key is dropped: the last one would win in Trino
      }
      lines.add(line);
    }
    missing.forEach((name, value) -> lines.add(name + "=" + value));
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : paths.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
