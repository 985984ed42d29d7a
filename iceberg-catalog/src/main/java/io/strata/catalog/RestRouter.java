package io.strata.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Finds the route of a request: a match, a known path with another method (405), or none (404). */
final class RestRouter {
  /** What the router found for a method and path. */
  sealed interface Result permits Found, MethodNotAllowed, NotFound {}

  record Found(Route route, Map<String, String> pathVariables) implements Result {}

  record MethodNotAllowed(List<String> allowed) implements Result {}

  record NotFound() implements Result {}

  private final List<Route> routes;

  RestRouter(List<Route> routes) {
    this.routes = List.copyOf(requireNonNull(routes, "routes is null"));
  }

  List<Route> routes() {
    return routes;
  }

  Result route(String method, String encodedPath) {
    List<String> segments = Route.segments(encodedPath);
    TreeSet<String> allowed = new TreeSet<>();
    for (Route route : routes) {
      Optional<Map<String, String>> variables = route.match(segments);
      if (variables.isEmpty()) {
        continue;
      }
      if (route.method().equalsIgnoreCase(method)) {
        return new Found(route, variables.get());
      }
      allowed.add(route.method());
    }
    return allowed.isEmpty() ? new NotFound() : new MethodNotAllowed(List.copyOf(allowed));
  }
}
