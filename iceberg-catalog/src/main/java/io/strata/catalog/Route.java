package io.strata.catalog;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.rest.Endpoint;

/**
 * One REST operation: the Iceberg {@link Endpoint} it serves (method and path template, such as
 * {@code /v1/{prefix}/namespaces/{namespace}}) and the code that answers it. This service uses no
 * {@code {prefix}}, so that segment is left out when matching.
 */
record Route(Endpoint endpoint, Handler handler) {

  /** Answers a request with an Iceberg REST response, or {@code null} for 204 No Content. */
  @FunctionalInterface
  interface Handler {
    Object handle(RestRequest request) throws Exception;
  }

  Route {
    requireNonNull(endpoint, "endpoint is null");
    requireNonNull(handler, "handler is null");
  }

  String method() {
    return endpoint.httpMethod();
  }

  List<String> template() {
    return segments(endpoint.path().replace("/{prefix}", ""));
  }

  /** The path variables when {@code segments} fit this route's template, whatever the method. */
  Optional<Map<String, String>> match(List<String> segments) {
    List<String> template = template();
    if (template.size() != segments.size()) {
      return Optional.empty();
    }
    Map<String, String> variables = new HashMap<>();
    for (int i = 0; i < template.size(); i++) {
      String expected = template.get(i);
      if (expected.startsWith("{") && expected.endsWith("}")) {
        variables.put(expected.substring(1, expected.length() - 1), segments.get(i));
      } else if (!expected.equals(segments.get(i))) {
        return Optional.empty();
      }
    }
    return Optional.of(variables);
  }

  static List<String> segments(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return List.of(trimmed.split("/", -1));
  }
}
