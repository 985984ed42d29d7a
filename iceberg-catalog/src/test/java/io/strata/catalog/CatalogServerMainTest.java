package io.strata.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogServerMainTest {
  @Test
  void secretsFromTheEnvironmentOverrideTheFile() {
    Map<String, String> merged =
        CatalogServerMain.withSecretsFromEnv(
            Map.of("strata.catalog.token", "from-file", "strata.catalog.port", "9000"),
            Map.of(
                "STRATA_CATALOG_TOKEN", "from-env",
                "STRATA_S3_ACCESS_KEY", "key",
                "STRATA_S3_SECRET_KEY", "secret",
                "PATH", "/usr/bin"));

    assertThat(merged)
        .containsOnly(
            Map.entry("strata.catalog.token", "from-env"),
            Map.entry("strata.catalog.port", "9000"),
            Map.entry("strata.s3.access-key", "key"),
            Map.entry("strata.s3.secret-key", "secret"));
  }

  @Test
  void blankVariablesLeaveTheFileAlone() {
    assertThat(
            CatalogServerMain.withSecretsFromEnv(
                Map.of("strata.catalog.token", "from-file"), Map.of("STRATA_CATALOG_TOKEN", " ")))
        .containsOnly(Map.entry("strata.catalog.token", "from-file"));
  }
}
