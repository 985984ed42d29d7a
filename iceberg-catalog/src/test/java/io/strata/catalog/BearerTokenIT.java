package io.strata.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.rest.responses.ErrorResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code strata.catalog.token} set, every request needs that bearer token. */
class BearerTokenIT {
  private static final String TOKEN = "it-token-7f3a";

  private static TestingStack stack;
  private static CatalogServer server;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    stack = TestingStack.start(dir);
    Map<String, String> properties =
        stack.properties("jdbc:sqlite:" + dir.resolve("catalog.db"), "strata");
    properties.put(CatalogConfig.TOKEN, TOKEN);
    server = CatalogServer.start(CatalogConfig.fromProperties(properties));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    stack.close();
  }

  @Test
  void icebergClientWithTheWrongTokenIsRejected() {
    assertThatThrownBy(() -> TestingStack.client(server.uri(), Optional.of("wrong-token")))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageContaining("invalid bearer token");
  }

  @Test
  void icebergClientWithTheRightTokenWorks() throws Exception {
    try (RESTCatalog client = TestingStack.client(server.uri(), Optional.of(TOKEN))) {
      assertThat(client.listNamespaces()).contains(Namespace.of("strata"));
      assertThat(client.tableExists(EventsTable.IDENTIFIER)).isTrue();
    }
  }

  @Test
  void rawRequestsWithoutTheRightTokenGet401WithAJsonMessage() throws Exception {
    URI uri = server.uri();

    TestingHttp.Reply missing = TestingHttp.get(uri, "/v1/namespaces");
    TestingHttp.Reply wrong =
        TestingHttp.send(uri, "GET", "/v1/namespaces", null, Optional.of("Bearer nope"));
    TestingHttp.Reply config = TestingHttp.get(uri, "/v1/config");

    assertUnauthorized(missing, "missing bearer token");
    assertUnauthorized(wrong, "invalid bearer token");
    assertUnauthorized(config, "missing bearer token");
  }

  @Test
  void rawRequestWithTheRightTokenPasses() throws Exception {
    TestingHttp.Reply reply =
        TestingHttp.send(
            server.uri(), "GET", "/v1/namespaces", null, Optional.of("Bearer " + TOKEN));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).contains("\"strata\"");
  }

  private static void assertUnauthorized(TestingHttp.Reply reply, String message) throws Exception {
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.contentType()).hasValue("application/json");
    ErrorResponse error = reply.error();
    assertThat(error.code()).isEqualTo(401);
    assertThat(error.type()).isEqualTo("NotAuthorizedException");
    assertThat(error.message()).startsWith(message);
    assertThat(reply.body()).doesNotContain(TOKEN);
  }
}
