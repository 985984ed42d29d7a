package io.strata.catalog;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.apache.iceberg.rest.responses.ErrorResponse;

/** Raw HTTP calls to the catalog, for what Iceberg's client hides: codes and error bodies. */
final class TestingHttp {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  record Reply(int status, String body, Optional<String> allow, Optional<String> contentType) {
    ErrorResponse error() throws IOException {
      return RestJson.mapper().readValue(body, ErrorResponse.class);
    }
  }

  private TestingHttp() {}

  static Reply send(
      URI base, String method, String path, String body, Optional<String> authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    authorization.ifPresent(value -> request.header("Authorization", value));
    HttpResponse<String> response =
        CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(
        response.statusCode(),
        response.body(),
        response.headers().firstValue("Allow"),
        response.headers().firstValue("Content-Type"));
  }

  static Reply get(URI base, String path) throws IOException, InterruptedException {
    return send(base, "GET", path, null, Optional.empty());
  }
}
