package io.strata.embedded.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.embedded.S3Credentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrinoSettingsTest {
  private static final S3Credentials CREDENTIALS = new S3Credentials("strata", "strata-secret");

  @Test
  void defaults() {
    TrinoSettings settings = required().build();

    assertThat(settings.httpPort()).isZero();
    assertThat(settings.javaHome()).isEmpty();
    assertThat(settings.heap()).isEqualTo("1G");
    assertThat(settings.startTimeout()).isEqualTo(Duration.ofMinutes(3));
    assertThat(settings.catalogToken()).isEmpty();
    assertThat(settings.s3Region()).isEqualTo("us-east-1");
  }

  @Test
  void everySetting() {
    TrinoSettings settings =
        required()
            .httpPort(8080)
            .javaHome(Path.of("/opt/jdk-25"))
            .heap("2G")
            .startTimeout(Duration.ofSeconds(90))
            .catalogToken("t0ken")
            .s3Region("eu-west-1")
            .build();

    assertThat(settings)
        .isEqualTo(
            new TrinoSettings(
                Path.of("server"),
                Path.of("etc"),
                Path.of("data/trino"),
                8080,
                Optional.of(Path.of("/opt/jdk-25")),
                "2G",
                Duration.ofSeconds(90),
                URI.create("http://127.0.0.1:8181"),
                Optional.of("t0ken"),
                URI.create("http://127.0.0.1:9000"),
                "eu-west-1",
                CREDENTIALS));
  }

  @Test
  void missingValuesNameTheirKey() {
    assertThatThrownBy(() -> TrinoSettings.builder().build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("strata.trino.server-dir is null");
    assertThatThrownBy(() -> required().catalogUri(null).build())
        .hasMessage("strata.tier.catalog-uri is null");
    assertThatThrownBy(() -> required().s3(null, CREDENTIALS).build())
        .hasMessage("strata.s3.endpoint is null");
    assertThatThrownBy(() -> required().s3(URI.create("http://127.0.0.1:9000"), null).build())
        .hasMessage("strata.s3.access-key is null");
  }

  @Test
  void portMustBeInRange() {
    assertThatThrownBy(() -> required().httpPort(65536).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("strata.trino.port must be between 0 and 65535, got 65536");
    assertThatThrownBy(() -> required().httpPort(-1).build())
        .hasMessage("strata.trino.port must be between 0 and 65535, got -1");
  }

  @Test
  void heapMustBeAJvmSize() {
    assertThat(required().heap("1536M").build().heap()).isEqualTo("1536M");
    assertThat(required().heap("2g").build().heap()).isEqualTo("2g");
    assertThatThrownBy(() -> required().heap("1 GB").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("strata.trino.heap must be a JVM memory size such as 1G or 1536M, got '1 GB'");
    assertThatThrownBy(() -> required().heap("0G").build())
        .hasMessageStartingWith("strata.trino.heap must be a JVM memory size");
  }

  @Test
  void startTimeoutMustBePositive() {
    assertThatThrownBy(() -> required().startTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("strata.trino.start-timeout must be positive, got PT0S");
  }

  @Test
  void urisMustBeHttp() {
    assertThatThrownBy(() -> required().catalogUri(URI.create("thrift://metastore:9083")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "strata.tier.catalog-uri must be an http(s) URI, got 'thrift://metastore:9083'");
    assertThatThrownBy(() -> required().s3(URI.create("s3://bucket"), CREDENTIALS).build())
        .hasMessage("strata.s3.endpoint must be an http(s) URI, got 's3://bucket'");
  }

  @Test
  void tokenAndRegionMustNotBeBlank() {
    assertThatThrownBy(() -> required().catalogToken(" ").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("strata.catalog.token must not be blank when set");
    assertThatThrownBy(() -> required().s3Region("").build())
        .hasMessage("strata.s3.region must not be blank");
  }

  @Test
  void toStringHidesSecrets() {
    String text = required().catalogToken("t0ken").build().toString();

    assertThat(text).doesNotContain("t0ken").doesNotContain("strata-secret").contains("***");
  }

  private static TrinoSettings.Builder required() {
    return TrinoSettings.builder()
        .serverDir(Path.of("server"))
        .etcTemplateDir(Path.of("etc"))
        .workDir(Path.of("data/trino"))
        .catalogUri(URI.create("http://127.0.0.1:8181"))
        .s3(URI.create("http://127.0.0.1:9000"), CREDENTIALS);
  }
}
