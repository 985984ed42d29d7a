package io.strata.embedded.trino;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Finds a JDK that runs Trino 476, which needs Java 24 or newer while Strata itself runs on 17. In
 * order: {@code strata.trino.java-home}, {@code STRATA_TRINO_JAVA_HOME}, {@code JAVA_HOME} if it is
 * new enough, then the newest new-enough JDK under {@code /usr/lib/jvm}. A JDK's version is read
 * from its {@code release} file, so nothing is started to find out.
 */
final class JdkLocator {
  static final int MINIMUM_FEATURE_VERSION = 24;
  static final String ENV_TRINO_JAVA_HOME = "STRATA_TRINO_JAVA_HOME";
  static final String ENV_JAVA_HOME = "JAVA_HOME";
  static final Path SYSTEM_JVM_DIR = Path.of("/usr/lib/jvm");

  private JdkLocator() {}

  /**
   * The JDK home to run Trino with. A JDK named by the setting or by {@code STRATA_TRINO_JAVA_HOME}
   * must qualify, or this fails naming it; the other places are only looked at.
   *
   * @param configured the value of {@code strata.trino.java-home}
   * @param env the environment, such as {@link System#getenv()}
   * @param jvmDir where JDKs are installed side by side, {@link #SYSTEM_JVM_DIR} on Linux
   */
  static Path locate(Optional<Path> configured, Map<String, String> env, Path jvmDir) {
    if (configured.isPresent()) {
      return requireUsable(TrinoSettings.JAVA_HOME, configured.get());
    }
    Optional<Path> fromEnv = pathFromEnv(env, ENV_TRINO_JAVA_HOME);
    if (fromEnv.isPresent()) {
      return requireUsable(ENV_TRINO_JAVA_HOME, fromEnv.get());
    }
    List<String> lookedIn = new ArrayList<>();
    lookedIn.add(TrinoSettings.JAVA_HOME + " (not set)");
    lookedIn.add(ENV_TRINO_JAVA_HOME + " (not set)");

    Optional<Path> javaHome = pathFromEnv(env, ENV_JAVA_HOME);
    if (javaHome.isPresent()) {
      Path jdk = javaHome.get();
      if (isUsable(jdk)) {
        return jdk;
      }
      lookedIn.add(ENV_JAVA_HOME + "=" + jdk + " (" + describe(jdk) + ")");
    } else {
      lookedIn.add(ENV_JAVA_HOME + " (not set)");
    }

    Optional<Path> newest = Optional.empty();
    if (Files.isDirectory(jvmDir)) {
      List<Path> candidates = installedJdks(jvmDir);
      newest =
          candidates.stream()
              .filter(JdkLocator::isUsable)
              .max(Comparator.comparing(jdk -> version(jdk).orElseThrow()));
      if (newest.isEmpty()) {
        for (Path jdk : candidates) {
          lookedIn.add(jdk + " (" + describe(jdk) + ")");
        }
        if (candidates.isEmpty()) {
          lookedIn.add(jvmDir + " (empty)");
        }
      }
    } else {
      lookedIn.add(jvmDir + " (absent)");
    }
    return newest.orElseThrow(
        () ->
            new IllegalStateException(
                "Trino 476 needs a JDK "
                    + MINIMUM_FEATURE_VERSION
                    + " or newer: set "
                    + TrinoSettings.JAVA_HOME
                    + " or "
                    + ENV_TRINO_JAVA_HOME
                    + " (looked in: "
                    + String.join(", ", lookedIn)
                    + ")"));
  }

  /** The {@code JAVA_VERSION} of a JDK's {@code release} file; empty when there is none. */
  static Optional<Runtime.Version> version(Path jdk) {
    Path release = jdk.resolve("release");
    if (!Files.isRegularFile(release)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(release)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + release, e);
    }
    String value = properties.getProperty("JAVA_VERSION");
    if (value == null) {
      return Optional.empty();
    }
    return parse(value.replace("\"", "").trim());
  }

  /** Parses {@code 25.0.3}, {@code 24}, {@code 24-ea} and the old style {@code 1.8.0_292}. */
  static Optional<Runtime.Version> parse(String text) {
    String modern = text.startsWith("1.") ? text.substring(2).split("[._]")[0] : text;
    try {
      return Optional.of(Runtime.Version.parse(modern));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Path requireUsable(String source, Path jdk) {
    if (!isUsable(jdk)) {
      throw new IllegalStateException(
          source
              + ": "
              + jdk
              + " is not a JDK "
              + MINIMUM_FEATURE_VERSION
              + " or newer ("
              + describe(jdk)
              + "); Trino 476 needs one");
    }
    return jdk;
  }

  private static boolean isUsable(Path jdk) {
    return hasJavaLauncher(jdk)
        && version(jdk).map(v -> v.feature() >= MINIMUM_FEATURE_VERSION).orElse(false);
  }

  private static String describe(Path jdk) {
    if (!Files.isDirectory(jdk)) {
      return "no such directory";
    }
    Optional<Runtime.Version> version = version(jdk);
    if (version.isEmpty()) {
      return "no JAVA_VERSION in a release file";
    }
    if (!hasJavaLauncher(jdk)) {
      return "Java " + version.get() + " without bin/java";
    }
    return "Java " + version.get();
  }

  static Path javaLauncher(Path jdk) {
    Path unix = jdk.resolve("bin").resolve("java");
    return Files.isRegularFile(unix) ? unix : jdk.resolve("bin").resolve("java.exe");
  }

  private static boolean hasJavaLauncher(Path jdk) {
    return Files.isRegularFile(javaLauncher(jdk));
  }

  private static List<Path> installedJdks(Path jvmDir) {
    try (Stream<Path> entries = Files.list(jvmDir)) {
      return entries.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + jvmDir, e);
    }
  }

  private static Optional<Path> pathFromEnv(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.trim()));
  }
}
