package io.strata.catalog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTRequest;
import org.apache.iceberg.rest.RESTUtil;

/**
 * One REST call as a route handler sees it.
 *
 * @param method the HTTP method
 * @param path the request path, still URL-encoded
 * @param pathVariables the encoded values of the route's {@code {variables}}
 * @param query decoded query parameters (the first value of each)
 * @param body the request body, empty when there is none
 */
record RestRequest(
    String method,
    String path,
    Map<String, String> pathVariables,
    Map<String, String> query,
    String body) {

  RestRequest {
    requireNonNull(method, "method is null");
    requireNonNull(path, "path is null");
    pathVariables = Map.copyOf(requireNonNull(pathVariables, "pathVariables is null"));
    query = Map.copyOf(requireNonNull(query, "query is null"));
    requireNonNull(body, "body is null");
  }

  /** The {@code {namespace}} path variable; levels are separated by the encoded unit separator. */
  Namespace namespace() {
    return RESTUtil.decodeNamespace(pathVariable("namespace"));
  }

  TableIdentifier table() {
    return TableIdentifier.of(namespace(), RESTUtil.decodeString(pathVariable("table")));
  }

  TableIdentifier view() {
    return TableIdentifier.of(namespace(), RESTUtil.decodeString(pathVariable("view")));
  }

  Optional<String> queryParameter(String name) {
    return Optional.ofNullable(query.get(name)).filter(value -> !value.isEmpty());
  }

  /** The JSON body as an Iceberg REST request, validated. */
  <T extends RESTRequest> T body(Class<T> type) throws JsonProcessingException {
    if (body.isBlank()) {
      throw new IllegalArgumentException(
          "request body is missing: " + method + " " + path + " expects a " + type.getSimpleName());
    }
    T request = RestJson.mapper().readValue(body, type);
    if (request == null) {
      throw new IllegalArgumentException("request body must be a " + type.getSimpleName());
    }
    request.validate();
    return request;
  }

  private String pathVariable(String name) {
    String value = pathVariables.get(name);
    if (value == null) {
      throw new IllegalStateException("route has no {" + name + "} variable: " + path);
    }
    return value;
  }
}
