package io.strata.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.iceberg.rest.Endpoint;
import org.apache.iceberg.rest.responses.ConfigResponse;
import org.apache.iceberg.rest.responses.ErrorResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Status codes and Iceberg error bodies as a raw HTTP client sees them. */
class RestErrorResponsesIT {
  private static TestingStack stack;
  private static CatalogServer server;
  private static URI uri;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    stack = TestingStack.start(dir);
    server =
        CatalogServer.start(
            CatalogConfig.fromProperties(
                stack.properties("jdbc:sqlite:" + dir.resolve("catalog.db"), "strata")));
    uri = server.uri();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    stack.close();
  }

  @Test
  void configHandsClientsTheS3SettingsAndAdvertisesViews() throws Exception {
    TestingHttp.Reply reply = TestingHttp.get(uri, "/v1/config");

    assertThat(reply.status()).isEqualTo(200);
    ConfigResponse config = RestJson.mapper().readValue(reply.body(), ConfigResponse.class);
    assertThat(config.defaults()).isEmpty();
    assertThat(config.overrides())
        .containsEntry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
        .containsEntry("s3.endpoint", stack.s3Endpoint().toString())
        .containsEntry("s3.path-style-access", "true")
        .containsEntry("s3.access-key-id", TestingStack.CREDENTIALS.accessKey())
        .containsEntry("s3.secret-access-key", TestingStack.CREDENTIALS.secretKey())
        .containsEntry("client.region", "us-east-1");
    assertThat(config.endpoints())
        .contains(
            Endpoint.V1_CREATE_VIEW, Endpoint.V1_COMMIT_TRANSACTION, Endpoint.V1_REPORT_METRICS);
  }

  @Test
  void unknownEndpointIs404() throws Exception {
    assertError(
        TestingHttp.get(uri, "/v1/nothing-here"), 404, "no such endpoint: GET /v1/nothing-here");
  }

  @Test
  void wrongMethodIs405WithTheAllowedOnes() throws Exception {
    TestingHttp.Reply reply =
        TestingHttp.send(uri, "PUT", "/v1/namespaces", "{}", Optional.empty());

    assertError(reply, 405, "method PUT is not allowed on /v1/namespaces; allowed: GET, POST");
    assertThat(reply.allow()).hasValue("GET, POST");
  }

  @Test
  void malformedJsonIs400() throws Exception {
    TestingHttp.Reply reply =
        TestingHttp.send(uri, "POST", "/v1/namespaces", "{\"namespace\": [", Optional.empty());

    assertError(reply, 400, "malformed request body: ");
  }

  @Test
  void invalidRequestIs400() throws Exception {
    TestingHttp.Reply missingBody =
        TestingHttp.send(uri, "POST", "/v1/namespaces", null, Optional.empty());
    TestingHttp.Reply noNamespace =
        TestingHttp.send(uri, "POST", "/v1/namespaces", "{}", Optional.empty());

    assertError(missingBody, 400, "request body is missing: POST /v1/namespaces");
    assertThat(noNamespace.status()).isEqualTo(400);
    assertThat(noNamespace.error().message()).containsIgnoringCase("namespace");
  }

  @Test
  void missingThingsAre404WithTheirType() throws Exception {
    TestingHttp.Reply table = TestingHttp.get(uri, "/v1/namespaces/strata/tables/nope");
    TestingHttp.Reply namespace = TestingHttp.get(uri, "/v1/namespaces/nope");
    TestingHttp.Reply view = TestingHttp.get(uri, "/v1/namespaces/strata/views/nope");

    assertError(table, 404, "Table does not exist: strata.nope");
    assertThat(table.error().type()).isEqualTo("NoSuchTableException");
    assertThat(namespace.error().type()).isEqualTo("NoSuchNamespaceException");
    assertThat(namespace.error().message()).contains("nope");
    assertThat(view.error().type()).isEqualTo("NoSuchViewException");
  }

  @Test
  void existingNamespaceIs409() throws Exception {
    TestingHttp.Reply reply =
        TestingHttp.send(
            uri, "POST", "/v1/namespaces", "{\"namespace\": [\"strata\"]}", Optional.empty());

    assertError(reply, 409, "Namespace already exists: strata");
    assertThat(reply.error().type()).isEqualTo("AlreadyExistsException");
  }

  @Test
  void droppingANamespaceThatHoldsTablesIs409() throws Exception {
    TestingHttp.Reply reply =
        TestingHttp.send(uri, "DELETE", "/v1/namespaces/strata", null, Optional.empty());

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.error().type()).isEqualTo("NamespaceNotEmptyException");
    assertThat(reply.error().message()).contains("strata");
  }

  @Test
  void headAnswersWithoutABody() throws Exception {
    assertThat(TestingHttp.send(uri, "HEAD", "/v1/namespaces/strata/tables/events", null,
            Optional.empty()).status())
        .isEqualTo(204);
    assertThat(TestingHttp.send(uri, "HEAD", "/v1/namespaces/strata/tables/nope", null,
            Optional.empty()).status())
        .isEqualTo(404);
  }

  private static void assertError(TestingHttp.Reply reply, int status, String messageStart)
      throws Exception {
    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.contentType()).hasValue("application/json");
    ErrorResponse error = reply.error();
    assertThat(error.code()).isEqualTo(status);
    assertThat(error.message()).startsWith(messageStart);
  }
}
