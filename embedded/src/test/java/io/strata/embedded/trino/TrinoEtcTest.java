package io.strata.embedded.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrinoEtcTest {
  @TempDir Path dir;
  private Path template;
  private Path work;

  @BeforeEach
  void template() throws IOException {
    template = dir.resolve("template");
    work = dir.resolve("work");
    Files.createDirectories(template.resolve("catalog"));
    Files.writeString(
        template.resolve("config.properties"),
        "# a comment\n"
            + "coordinator=true\n"
            + "http-server.http.port=8080\n"
            + "discovery.uri=http://127.0.0.1:8080\n");
    Files.writeString(
        template.resolve("jvm.config"),
        "-server\n# why\n\n-Xmx1G\n  -XX:+ExitOnOutOfMemoryError\n");
    Files.writeString(template.resolve("node.properties"), "node.environment=strata\n");
    Files.writeString(template.resolve("log.properties"), "io.trino=WARN\n");
    Files.writeString(
        template.resolve("catalog").resolve("lake.properties"),
        "connector.name=iceberg\n#iceberg.rest-catalog.security=OAUTH2\n");
  }

  @Test
  void fillsThePortNodeIdAndDataDir() throws IOException {
    Path etc = TrinoEtc.write(template, work, 18080, false);

    assertThat(etc).isEqualTo(work.resolve("etc"));
    assertThat(Files.readAllLines(etc.resolve("config.properties")))
        .containsExactly(
            "# a comment",
            "coordinator=true",
            "http-server.http.port=18080",
            "discovery.uri=http://127.0.0.1:18080");
    Map<String, String> node =
        TrinoEtc.readProperties(etc.resolve("node.properties")).orElseThrow();
    assertThat(node)
        .containsEntry("node.environment", "strata")
        .containsEntry("node.data-dir", work.resolve("data").toAbsolutePath().toString());
    assertThat(node.get("node.id")).matches("strata-[0-9a-f-]{36}");
    assertThat(work.resolve("data")).isDirectory();
    assertThat(etc.resolve("log.properties")).hasContent("io.trino=WARN");
    assertThat(etc.resolve("catalog").resolve("lake.properties"))
        .hasContent("connector.name=iceberg\n#iceberg.rest-catalog.security=OAUTH2");
  }

  @Test
  void keepsTheNodeIdAcrossWritesAndDropsStaleFiles() throws IOException {
    Path etc = TrinoEtc.write(template, work, 18080, false);
    String nodeId =
        TrinoEtc.readProperties(etc.resolve("node.properties")).orElseThrow().get("node.id");
    Files.writeString(
        etc.resolve("catalog").resolve("stale.properties"), "connector.name=memory\n");

    TrinoEtc.write(template, work, 18081, false);

    assertThat(TrinoEtc.readProperties(etc.resolve("node.properties")).orElseThrow())
        .containsEntry("node.id", nodeId);
    assertThat(TrinoEtc.readProperties(etc.resolve("config.properties")).orElseThrow())
        .containsEntry("http-server.http.port", "18081");
    assertThat(etc.resolve("catalog").resolve("stale.properties")).doesNotExist();
  }

  @Test
  void catalogTokenSwitchesTheLakeCatalogToOauth2FromTheEnvironment() throws IOException {
    Path etc = TrinoEtc.write(template, work, 18080, true);

    assertThat(Files.readAllLines(etc.resolve("catalog").resolve("lake.properties")))
        .containsExactly(
            "connector.name=iceberg",
            "#iceberg.rest-catalog.security=OAUTH2",
            "iceberg.rest-catalog.security=OAUTH2",
            "iceberg.rest-catalog.oauth2.token=${ENV:STRATA_CATALOG_TOKEN}",
            "iceberg.rest-catalog.oauth2.token-refresh-enabled=false");
  }

  @Test
  void jvmOptionsSkipCommentsAndTakeTheHeapFromTheSettings() throws IOException {
    List<String> options = TrinoEtc.jvmOptions(template.resolve("jvm.config"), "1536M");

    assertThat(options).containsExactly("-server", "-XX:+ExitOnOutOfMemoryError", "-Xmx1536M");
  }

  @Test
  void templateWithoutAFileTrinoNeedsIsNamed() throws IOException {
    Files.delete(template.resolve("jvm.config"));

    assertThatThrownBy(() -> TrinoEtc.checkTemplate(template))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("strata.trino.etc-dir: " + template + " has no jvm.config");
    assertThatThrownBy(() -> TrinoEtc.checkTemplate(dir.resolve("nowhere")))
        .hasMessage("strata.trino.etc-dir: " + dir.resolve("nowhere") + " is not a directory");
  }

  @Test
  void theShippedSingleNodeTemplateIsComplete() throws IOException {
    Path shipped = Path.of("..", "trino-config", "etc", "single-node").toAbsolutePath().normalize();
    TrinoEtc.checkTemplate(shipped);

    Path etc = TrinoEtc.write(shipped, work, 18080, false);

    assertThat(TrinoEtc.readProperties(etc.resolve("config.properties")).orElseThrow())
        .containsEntry("coordinator", "true")
        .containsEntry("http-server.http.port", "18080")
        .containsEntry("discovery.uri", "http://127.0.0.1:18080");
    assertThat(
            TrinoEtc.readProperties(etc.resolve("catalog").resolve("lake.properties"))
                .orElseThrow())
        .containsEntry("connector.name", "iceberg")
        .containsEntry("iceberg.rest-catalog.uri", "${ENV:STRATA_CATALOG_URI}")
        .doesNotContainKey("iceberg.rest-catalog.security");
    assertThat(TrinoEtc.jvmOptions(etc.resolve("jvm.config"), "1G"))
        .contains("-Xmx1G")
        .doesNotHaveDuplicates();
  }
}
