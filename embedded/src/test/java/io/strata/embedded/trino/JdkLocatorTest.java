package io.strata.embedded.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdkLocatorTest {
  @TempDir Path dir;

  @Test
  void configuredJdkWins() throws IOException {
    Path configured = jdk("custom", "\"25.0.3\"");
    Path fromEnv = jdk("env", "\"24.0.1\"");

    assertThat(
            JdkLocator.locate(
                Optional.of(configured),
                Map.of(JdkLocator.ENV_TRINO_JAVA_HOME, fromEnv.toString()),
                dir.resolve("none")))
        .isEqualTo(configured);
  }

  @Test
  void strataTrinoJavaHomeComesBeforeJavaHome() throws IOException {
    Path trinoJdk = jdk("trino", "\"24.0.2\"");
    Path javaHome = jdk("java-home", "\"25\"");

    assertThat(
            JdkLocator.locate(
                Optional.empty(),
                Map.of(
                    JdkLocator.ENV_TRINO_JAVA_HOME, trinoJdk.toString(),
                    JdkLocator.ENV_JAVA_HOME, javaHome.toString()),
                dir.resolve("none")))
        .isEqualTo(trinoJdk);
  }

  @Test
  void javaHomeIsUsedWhenNewEnough() throws IOException {
    Path javaHome = jdk("java-home", "\"24\"");
    Path jvmDir = dir.resolve("jvm");
    jdk("jvm/temurin-25", "\"25.0.3\"");

    assertThat(
            JdkLocator.locate(
                Optional.empty(), Map.of(JdkLocator.ENV_JAVA_HOME, javaHome.toString()), jvmDir))
        .isEqualTo(javaHome);
  }

  @Test
  void oldJavaHomeFallsBackToTheNewestInstalledJdk() throws IOException {
    Path javaHome = jdk("java-home", "\"17.0.15\"");
    Path jvmDir = dir.resolve("jvm");
    jdk("jvm/java-17-openjdk-amd64", "\"17.0.15\"");
    jdk("jvm/temurin-24-jdk", "\"24.0.2\"");
    Path newest = jdk("jvm/temurin-25-jdk", "\"25.0.3\"");
    jdk("jvm/temurin-25-older", "\"25.0.1\"");
    jdk("jvm/java-8", "\"1.8.0_292\"");

    assertThat(
            JdkLocator.locate(
                Optional.empty(), Map.of(JdkLocator.ENV_JAVA_HOME, javaHome.toString()), jvmDir))
        .isEqualTo(newest);
  }

  @Test
  void jdkWithoutJavaLauncherIsSkipped() throws IOException {
    Path jvmDir = dir.resolve("jvm");
    Path jre = jdk("jvm/broken-25", "\"25.0.3\"");
    Files.delete(jre.resolve("bin").resolve("java"));
    Path good = jdk("jvm/temurin-24", "\"24.0.2\"");

    assertThat(JdkLocator.locate(Optional.empty(), Map.of(), jvmDir)).isEqualTo(good);
  }

  @Test
  void noSuitableJdkListsWhereItLooked() throws IOException {
    Path javaHome = jdk("java-home", "\"17.0.15\"");
    Path jvmDir = dir.resolve("jvm");
    Path old = jdk("jvm/java-17-openjdk-amd64", "\"17.0.15\"");
    Files.createDirectories(jvmDir.resolve("no-release"));

    assertThatThrownBy(
            () ->
                JdkLocator.locate(
                    Optional.empty(),
                    Map.of(JdkLocator.ENV_JAVA_HOME, javaHome.toString()),
                    jvmDir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "Trino 476 needs a JDK 24 or newer: set strata.trino.java-home or"
                + " STRATA_TRINO_JAVA_HOME (looked in: ")
        .hasMessageContaining("strata.trino.java-home (not set)")
        .hasMessageContaining("STRATA_TRINO_JAVA_HOME (not set)")
        .hasMessageContaining("JAVA_HOME=" + javaHome + " (Java 17.0.15)")
        .hasMessageContaining(old + " (Java 17.0.15)")
        .hasMessageContaining(
            jvmDir.resolve("no-release") + " (no JAVA_VERSION in a release file)");
  }

  @Test
  void missingJvmDirectoryIsReported() {
    Path jvmDir = dir.resolve("absent");

    assertThatThrownBy(() -> JdkLocator.locate(Optional.empty(), Map.of(), jvmDir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("JAVA_HOME (not set)")
        .hasMessageContaining(jvmDir + " (absent)");
  }

  @Test
  void configuredJdkThatIsTooOldFailsNamingTheKey() throws IOException {
    Path old = jdk("old", "\"21.0.5\"");

    assertThatThrownBy(() -> JdkLocator.locate(Optional.of(old), Map.of(), dir.resolve("none")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "strata.trino.java-home: "
                + old
                + " is not a JDK 24 or newer (Java 21.0.5);"
                + " Trino 476 needs one");
  }

  @Test
  void environmentJdkThatDoesNotExistFailsNamingTheVariable() {
    Path missing = dir.resolve("missing");

    assertThatThrownBy(
            () ->
                JdkLocator.locate(
                    Optional.empty(),
                    Map.of(JdkLocator.ENV_TRINO_JAVA_HOME, missing.toString()),
                    dir.resolve("none")))
        .hasMessage(
            "STRATA_TRINO_JAVA_HOME: "
                + missing
                + " is not a JDK 24 or newer (no such directory);"
                + " Trino 476 needs one");
  }

  @Test
  void parsesReleaseVersions() {
    assertThat(JdkLocator.parse("25.0.3").orElseThrow().feature()).isEqualTo(25);
    assertThat(JdkLocator.parse("24").orElseThrow().feature()).isEqualTo(24);
    assertThat(JdkLocator.parse("24-ea").orElseThrow().feature()).isEqualTo(24);
    assertThat(JdkLocator.parse("1.8.0_292").orElseThrow().feature()).isEqualTo(8);
    assertThat(JdkLocator.parse("not a version")).isEmpty();
  }

  /** A fake JDK: a release file and an empty bin/java. */
  private Path jdk(String name, String javaVersion) throws IOException {
    Path home = dir.resolve(name);
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("bin").resolve("java"), "");
    Files.writeString(
        home.resolve("release"),
        "IMPLEMENTOR=\"Testing\"\nJAVA_VERSION=" + javaVersion + "\nOS_NAME=\"Linux\"\n");
    return home;
  }
}
