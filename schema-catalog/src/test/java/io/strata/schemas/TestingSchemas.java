package io.strata.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Schema folders written for a test, one type at a time. */
final class TestingSchemas {
  /** The folder the repository ships, from this module's folder (where Surefire runs). */
  static final Path SHIPPED = Path.of("../schemas");
  static final String TYPE = "shop.order";

  private TestingSchemas() {}

  static Path file(Path dir, String relative, String text) {
    Path path = dir.resolve(relative);
    try {
      Files.createDirectories(path.getParent());
      Files.writeString(path, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return path;
  }

  /**
   * Writes {@link #TYPE} with {@code compatibility} and one version file per body (the keys after
   * {@code type} and {@code version}: {@code schema}, {@code upcast}, {@code deprecated}).
   */
  static Path type(Path dir, String compatibility, String... versionBodies) {
    file(dir, TYPE + "/type.yaml", "type: " + TYPE + "\nowner: shop\ndescription: An order.\n"
        + (compatibility == null ? "" : "compatibility: " + compatibility + "\n"));
    for (int v = 1; v <= versionBodies.length; v++) {
      file(dir, TYPE + "/v" + v + ".yaml", "type: " + TYPE + "\nversion: " + v + "\n" + versionBodies[v - 1]);
    }
    return dir;
  }

  static SchemaCatalog load(Path dir) {
    return SchemaFiles.load(dir, JavaUpcasters.none().register(new TestingUpcasters.Doubling()));
  }

  /** The file of version {@code v} of {@link #TYPE}, as messages name it. */
  static String versionFile(Path dir, int v) {
    return dir.resolve(TYPE + "/v" + v + ".yaml").toString();
  }

  /** A version's schema in YAML's flow style, on one line. */
  static String schema(String properties, String required) {
    return "schema: {type: object, properties: {" + properties + "}, required: [" + required + "]}\n";
  }
}
