package io.strata.catalog;

import io.strata.embedded.EmbeddedS3;
import io.strata.embedded.S3Credentials;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.rest.RESTCatalog;

/** A real S3-compatible store for catalog tests, with the settings and clients that go with it. */
final class TestingStack implements AutoCloseable {
  static final S3Credentials CREDENTIALS = new S3Credentials("strata-it", "strata-it-secret");
  static final String BUCKET = "strata-lake";

  private final EmbeddedS3 s3;

  private TestingStack(EmbeddedS3 s3) {
    this.s3 = s3;
  }

  static TestingStack start(Path dir) throws Exception {
    EmbeddedS3 s3 = EmbeddedS3.start(dir.resolve("s3"), 0, CREDENTIALS);
    s3.ensureBucket(BUCKET);
    return new TestingStack(s3);
  }

  /** Catalog settings on a free port against this store; callers add or replace entries. */
  Map<String, String> properties(String jdbcUrl, String catalogName) {
    Map<String, String> properties = new HashMap<>();
    properties.put(CatalogConfig.PORT, "0");
    properties.put(CatalogConfig.JDBC_URL, jdbcUrl);
    properties.put(CatalogConfig.NAME, catalogName);
    properties.put(CatalogConfig.WAREHOUSE, "s3://" + BUCKET + "/warehouse");
    properties.put(CatalogConfig.S3_ENDPOINT, s3.endpoint().toString());
    properties.put(CatalogConfig.S3_ACCESS_KEY, CREDENTIALS.accessKey());
    properties.put(CatalogConfig.S3_SECRET_KEY, CREDENTIALS.secretKey());
    return properties;
  }

  URI s3Endpoint() {
    return s3.endpoint();
  }

  /** Iceberg's own REST client; it takes its S3 settings from the server's /v1/config. */
  static RESTCatalog client(URI catalogUri, Optional<String> token) {
    Map<String, String> properties = new HashMap<>();
    properties.put("uri", catalogUri.toString());
    token.ifPresent(
        t -> {
          properties.put("token", t);
          // A static bearer token rides on Iceberg's OAuth2 auth manager; naming both keeps the
          // client from warning that it inferred them. The token is never refreshed.
          properties.put("rest.auth.type", "oauth2");
          properties.put("oauth2-server-uri", catalogUri.resolve("/v1/oauth/tokens").toString());
        });
    RESTCatalog catalog = new RESTCatalog();
    catalog.initialize("it", properties);
    return catalog;
  }

  @Override
  public void close() throws Exception {
    s3.close();
  }
}
