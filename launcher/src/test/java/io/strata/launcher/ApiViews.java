package io.strata.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ForkJoinPool;

/** Views as a service reads them: through the lookup API, with the demo token of each view's tenant. */
final class ApiViews {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A view as the API answered it: the version that served it, its revision and the view. */
  record Answer(int version, long revision, JsonNode view) {}

  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  ApiViews(int port) {
    this.base = URI.create("http://127.0.0.1:" + port + "/v1/views/");
  }

  /** The view, empty on 404; throws on any other answer or when the API does not answer. */
  Optional<Answer> get(ReferenceViews.Expected e) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(e.projection() + "/" + URLEncoder.encode(e.key(), StandardCharsets.UTF_8).replace("+", "%20")))
            .header("Authorization", "Bearer " + e.tenant() + "-demo-token")
            .GET()
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw new IOException("GET " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    JsonNode body = JSON.readTree(response.body());
    return Optional.of(new Answer(body.get("version").asInt(), body.get("revision").asLong(), body.get("view")));
  }

  /** The views that differ from the reference (or are missing), the first 20 described; empty when all are equal. */
  List<String> differences(List<ReferenceViews.Expected> expected) throws Exception {
    ForkJoinPool pool = new ForkJoinPool(8);
    List<String> differ;
    try {
      differ = pool.submit(() -> expected.parallelStream().map(this::difference).flatMap(Optional::stream).toList()).get();
    } finally {
      pool.shutdown();
    }
    if (differ.size() <= 20) {
      return differ;
    }
    List<String> first = new java.util.ArrayList<>(differ.subList(0, 20));
    first.add("... " + (differ.size() - 20) + " more of " + expected.size());
    return first;
  }

  private Optional<String> difference(ReferenceViews.Expected e) {
    String where = e.projection() + " " + e.tenant() + "/" + e.key();
    try {
      Optional<Answer> answer = get(e);
      if (answer.isEmpty()) {
        return Optional.of(where + ": missing");
      }
      if (answer.get().revision() != e.revision() || !answer.get().view().equals(e.document())) {
        return Optional.of(where + ": revision " + answer.get().revision() + " (expected " + e.revision() + "), " + answer.get().view());
      }
      return Optional.empty();
    } catch (IOException | InterruptedException ex) {
      return Optional.of(where + ": " + ex);
    }
  }

  /** The view's revision, for a {@link MonotonicReader}; IOException while the API does not answer 200 or 404. */
  OptionalLong revision(ReferenceViews.Expected e) throws IOException, InterruptedException {
    return get(e).map(a -> OptionalLong.of(a.revision())).orElse(OptionalLong.empty());
  }
}
