package io.strata.embedded.trino;

import static java.util.Objects.requireNonNull;

import io.strata.embedded.S3Credentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the Trino child process that {@link TrinoServer} starts.
 *
 * @param serverDir {@code strata.trino.server-dir}: the unpacked server (with {@code lib/} and
 *     {@code plugin/}), {@code trino-config/target/trino-server} after {@code mvn install}
 * @param etcTemplateDir {@code strata.trino.etc-dir}: the configuration to start from, which is
 *     {@code trino-config/etc/single-node}
 * @param workDir {@code strata.trino.work-dir}: where the effective {@code etc/}, the node's data
 *     and {@code server.log} go, such as {@code <strata.data-dir>/trino}
 * @param httpPort {@code strata.trino.port}: HTTP port on 127.0.0.1; 0 picks a free one
 * @param javaHome {@code strata.trino.java-home}: a JDK 24 or newer; absent means look for one
 * @param heap {@code strata.trino.heap}: the server's {@code -Xmx}, default {@code 1G}
 * @param startTimeout {@code strata.trino.start-timeout}: how long to wait for the server to be
 *     ready, default 3 minutes
 * @param catalogUri {@code strata.tier.catalog-uri}: the Iceberg REST catalog
 * @param catalogToken {@code strata.catalog.token}: bearer token for the catalog, if it needs one
 * @param s3Endpoint {@code strata.s3.endpoint}: the S3-compatible endpoint of the lake
 * @param s3Region {@code strata.s3.region}: default {@code us-east-1}
 * @param s3Credentials {@code strata.s3.access-key} and {@code strata.s3.secret-key}
 */
public record TrinoSettings(
    Path serverDir,
    Path etcTemplateDir,
    Path workDir,
    int httpPort,
    Optional<Path> javaHome,
    String heap,
    Duration startTimeout,
    URI catalogUri,
    Optional<String> catalogToken,
    URI s3Endpoint,
    String s3Region,
    S3Credentials s3Credentials) {

  public static final String SERVER_DIR = "strata.trino.server-dir";
  public static final String ETC_DIR = "strata.trino.etc-dir";
  public static final String WORK_DIR = "strata.trino.work-dir";
  public static final String PORT = "strata.trino.port";
  public static final String JAVA_HOME = "strata.trino.java-home";
  public static final String HEAP = "strata.trino.heap";
  public static final String START_TIMEOUT = "strata.trino.start-timeout";
  public static final String CATALOG_URI = "strata.tier.catalog-uri";
  public static final String CATALOG_TOKEN = "strata.catalog.token";
  public static final String S3_ENDPOINT = "strata.s3.endpoint";
  public static final String S3_REGION = "strata.s3.region";
  public static final String S3_ACCESS_KEY = "strata.s3.access-key";

  public static final String DEFAULT_HEAP = "1G";
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(3);
  public static final String DEFAULT_REGION = "us-east-1";

  public TrinoSettings {
    requireNonNull(serverDir, SERVER_DIR + " is null");
    requireNonNull(etcTemplateDir, ETC_DIR + " is null");
    requireNonNull(workDir, WORK_DIR + " is null");
    requireNonNull(javaHome, JAVA_HOME + " is null");
    requireNonNull(heap, HEAP + " is null");
    requireNonNull(startTimeout, START_TIMEOUT + " is null");
    requireNonNull(catalogUri, CATALOG_URI + " is null");
    requireNonNull(catalogToken, CATALOG_TOKEN + " is null");
    requireNonNull(s3Endpoint, S3_ENDPOINT + " is null");
    requireNonNull(s3Region, S3_REGION + " is null");
    requireNonNull(s3Credentials, S3_ACCESS_KEY + " is null");
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException(PORT + " must be between 0 and 65535, got " + httpPort);
    }
    if (!heap.matches("[1-9][0-9]*[kKmMgG]?")) {
      throw new IllegalArgumentException(
          HEAP + " must be a JVM memory size such as 1G or 1536M, got '" + heap + "'");
    }
    if (startTimeout.isNegative() || startTimeout.isZero()) {
      throw new IllegalArgumentException(START_TIMEOUT + " must be positive, got " + startTimeout);
    }
    requireHttp(CATALOG_URI, catalogUri);
    requireHttp(S3_ENDPOINT, s3Endpoint);
    if (catalogToken.isPresent() && catalogToken.get().isBlank()) {
      throw new IllegalArgumentException(CATALOG_TOKEN + " must not be blank when set");
    }
    if (s3Region.isBlank()) {
      throw new IllegalArgumentException(S3_REGION + " must not be blank");
    }
  }

  /** A builder with the defaults: a free port, a JDK looked up, 1G heap, 3 minutes to start. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects the settings; {@link #build()} checks them, naming the key of a bad one. */
  public static final class Builder {
    private Path serverDir;
    private Path etcTemplateDir;
    private Path workDir;
    private int httpPort;
    private Optional<Path> javaHome = Optional.empty();
    private String heap = DEFAULT_HEAP;
    private Duration startTimeout = DEFAULT_START_TIMEOUT;
    private URI catalogUri;
    private Optional<String> catalogToken = Optional.empty();
    private URI s3Endpoint;
    private String s3Region = DEFAULT_REGION;
    private S3Credentials s3Credentials;

    private Builder() {}

    public Builder serverDir(Path dir) {
      this.serverDir = dir;
      return this;
    }

    public Builder etcTemplateDir(Path dir) {
      this.etcTemplateDir = dir;
      return this;
    }

    public Builder workDir(Path dir) {
      this.workDir = dir;
      return this;
    }

    public Builder httpPort(int port) {
      this.httpPort = port;
      return this;
    }

    public Builder javaHome(Path jdk) {
      this.javaHome = Optional.of(requireNonNull(jdk, JAVA_HOME + " is null"));
      return this;
    }

    public Builder heap(String size) {
      this.heap = size;
      return this;
    }

    public Builder startTimeout(Duration timeout) {
      this.startTimeout = timeout;
      return this;
    }

    public Builder catalogUri(URI uri) {
      this.catalogUri = uri;
      return this;
    }

    public Builder catalogToken(String token) {
      this.catalogToken = Optional.of(requireNonNull(token, CATALOG_TOKEN + " is null"));
      return this;
    }

    public Builder s3(URI endpoint, S3Credentials credentials) {
      this.s3Endpoint = endpoint;
      this.s3Credentials = credentials;
      return this;
    }

    public Builder s3Region(String region) {
      this.s3Region = region;
      return this;
    }

    public TrinoSettings build() {
      return new TrinoSettings(
          serverDir,
          etcTemplateDir,
          workDir,
          httpPort,
          javaHome,
          heap,
          startTimeout,
          catalogUri,
          catalogToken,
          s3Endpoint,
          s3Region,
          s3Credentials);
    }
  }

  @Override
  public String toString() {
    return "TrinoSettings[serverDir="
        + serverDir
        + ", etcTemplateDir="
        + etcTemplateDir
        + ", workDir="
        + workDir
        + ", httpPort="
        + httpPort
        + ", javaHome="
        + javaHome.map(Path::toString).orElse("look up")
        + ", heap="
        + heap
        + ", startTimeout="
        + startTimeout
        + ", catalogUri="
        + catalogUri
        + ", catalogToken="
        + (catalogToken.isPresent() ? "***" : "none")
        + ", s3Endpoint="
        + s3Endpoint
        + ", s3Region="
        + s3Region
        + ", s3Credentials="
        + s3Credentials
        + "]";
  }

  private static void requireHttp(String key, URI uri) {
    boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
    if (!http || uri.getHost() == null) {
      throw new IllegalArgumentException(key + " must be an http(s) URI, got '" + uri + "'");
    }
  }
}
