package io.strata.embedded.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.embedded.S3Credentials;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Start-up failures, with a shell script standing in for the JDK's java launcher. */
@DisabledOnOs(OS.WINDOWS)
class TrinoServerTest {
  @TempDir Path dir;
  private Path server;
  private Path template;

  @BeforeEach
  void layout() throws IOException {
    server = dir.resolve("server");
    Files.createDirectories(server.resolve("lib"));
    Files.createDirectories(server.resolve("plugin"));
    template = dir.resolve("etc");
    Files.createDirectories(template.resolve("catalog"));
    Files.writeString(template.resolve("config.properties"), "coordinator=true\n");
    Files.writeString(template.resolve("jvm.config"), "-Xmx1G\n");
    Files.writeString(template.resolve("node.properties"), "node.environment=test\n");
  }

  @Test
  void processThatExitsFailsWithTheEndOfItsLog() throws IOException {
    Path jdk = fakeJdk("for i in $(seq 1 40); do echo \"line $i\"; done; exit 3");

    assertThatThrownBy(() -> TrinoServer.start(settings(jdk).build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Trino exited with code 3 before it was ready; last lines of ")
        .hasMessageContaining("server.log:\nline 11\n")
        .hasMessageEndingWith("line 40")
        .message()
        .doesNotContain("line 10\n");
  }

  @Test
  void serverThatNeverAnswersTimesOutAndIsStopped() throws IOException {
    Path marker = dir.resolve("started");
    Path jdk = fakeJdk("echo $$ > " + marker + "; echo waiting; exec sleep 60");

    assertThatThrownBy(
            () -> TrinoServer.start(settings(jdk).startTimeout(Duration.ofSeconds(2)).build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Trino was not ready within PT2S (strata.trino.start-timeout)")
        .hasMessageContaining("the server did not answer")
        .hasMessageEndingWith("waiting");
    long pid = Long.parseLong(Files.readString(marker).trim());
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void passesTheSettingsToTheProcess() throws IOException {
    Path jdk =
        fakeJdk(
            "echo \"args: $*\"; echo \"catalog=$STRATA_CATALOG_URI s3=$STRATA_S3_ENDPOINT"
                + " region=$STRATA_S3_REGION key=$STRATA_S3_ACCESS_KEY"
                + " token=$STRATA_CATALOG_TOKEN\"; exit 1");

    assertThatThrownBy(() -> TrinoServer.start(settings(jdk).heap("768M").build()))
        .hasMessageEndingWith(
            "catalog=http://127.0.0.1:8181 s3=http://127.0.0.1:9000 region=us-east-1 key=strata"
                + " token=")
        .hasMessageContaining(" -Xmx768M -Dnode.")
        .hasMessageContaining("-Dnode.environment=test")
        .hasMessageContaining("-Dconfig=" + dir.resolve("work").resolve("etc/config.properties"))
        .hasMessageContaining("-Dplugin.dir=" + server.resolve("plugin"))
        .hasMessageContaining("-cp " + server.resolve("lib") + "/* io.trino.server.TrinoServer");
  }

  @Test
  void aTrinoLeftRunningByAKilledParentIsStoppedButNothingElse() throws Exception {
    Path work = dir.resolve("work");
    Files.createDirectories(work);
    // Stand-ins: one whose arguments name Trino's main class, one that does not.
    Process orphan =
        new ProcessBuilder("sh", "-c", "sleep 60; true", "io.trino.server.TrinoServer").start();
    Process stranger = new ProcessBuilder("sh", "-c", "sleep 60; true").start();
    try {
      Path jdk = fakeJdk("exit 1");
      Files.writeString(work.resolve("trino.pid"), Long.toString(orphan.pid()));
      assertThatThrownBy(() -> TrinoServer.start(settings(jdk).build())).hasMessageContaining("code 1");
      assertThat(orphan.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

      Files.writeString(work.resolve("trino.pid"), Long.toString(stranger.pid()));
      assertThatThrownBy(() -> TrinoServer.start(settings(jdk).build())).hasMessageContaining("code 1");
      assertThat(stranger.isAlive()).isTrue();
    } finally {
      orphan.destroyForcibly();
      stranger.destroyForcibly();
    }
  }

  @Test
  void takenPortIsNamed() throws IOException {
    Path jdk = fakeJdk("exit 1");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> TrinoServer.start(settings(jdk).httpPort(port).build()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("strata.trino.port: port " + port + " on 127.0.0.1 is already in use");
    }
  }

  @Test
  void serverDirWithoutLibIsNamed() throws IOException {
    Path jdk = fakeJdk("exit 1");
    Path empty = Files.createDirectories(dir.resolve("empty"));

    assertThatThrownBy(() -> TrinoServer.start(settings(jdk).serverDir(empty).build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "strata.trino.server-dir: " + empty + " is not an unpacked Trino server (no lib/)");
  }

  private TrinoSettings.Builder settings(Path jdk) {
    return TrinoSettings.builder()
        .serverDir(server)
        .etcTemplateDir(template)
        .workDir(dir.resolve("work"))
        .javaHome(jdk)
        .catalogUri(URI.create("http://127.0.0.1:8181"))
        .s3(URI.create("http://127.0.0.1:9000"), new S3Credentials("strata", "strata-secret"));
  }

  /** A JDK 25 whose bin/java runs {@code script} instead of a JVM. */
  private Path fakeJdk(String script) throws IOException {
    Path home = dir.resolve("jdk");
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"25.0.3\"\n");
    Path java = home.resolve("bin").resolve("java");
    Files.writeString(java, "#!/bin/sh\n" + script + "\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }
}
