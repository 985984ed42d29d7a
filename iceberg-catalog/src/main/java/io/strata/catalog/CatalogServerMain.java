package io.strata.catalog;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Runs the catalog service: {@code CatalogServerMain <catalog.properties>}. The environment
 * variables {@code STRATA_CATALOG_TOKEN}, {@code STRATA_S3_ACCESS_KEY} and
 * {@code STRATA_S3_SECRET_KEY}, when set, supply the secrets so they need not sit in the file.
 */
public final class CatalogServerMain {
  static final Map<String, String> SECRET_ENV =
      Map.of(
          "STRATA_CATALOG_TOKEN", CatalogConfig.TOKEN,
          "STRATA_S3_ACCESS_KEY", CatalogConfig.S3_ACCESS_KEY,
          "STRATA_S3_SECRET_KEY", CatalogConfig.S3_SECRET_KEY);

  private CatalogServerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: CatalogServerMain <catalog.properties>");
      System.exit(2);
    }
    CatalogConfig config =
        CatalogConfig.fromProperties(withSecretsFromEnv(load(Path.of(args[0])), System.getenv()));
    CatalogServer server = CatalogServer.start(config);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> closeQuietly(server), "catalog-shutdown"));
    server.join();
  }

  /** The file's properties, with any secret given in the environment taking precedence. */
  static Map<String, String> withSecretsFromEnv(Map<String, String> file, Map<String, String> env) {
    Map<String, String> merged = new HashMap<>(file);
    SECRET_ENV.forEach(
        (variable, key) -> {
          String value = env.get(variable);
          if (value != null && !value.isBlank()) {
            merged.put(key, value);
          }
        });
    return merged;
  }

  private static Map<String, String> load(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    Map<String, String> values = new HashMap<>();
    for (String name : properties.stringPropertyNames()) {
      values.put(name, properties.getProperty(name));
    }
    return values;
  }

  private static void closeQuietly(CatalogServer server) {
    try {
      server.close();
    } catch (Exception e) {
      System.err.println("catalog shutdown failed: " + e);
    }
  }
}
