package io.strata.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.iceberg.rest.Endpoint;
import org.junit.jupiter.api.Test;

class RestRouterTest {
  private static final Route.Handler NOTHING = request -> null;

  private final RestRouter router =
      new RestRouter(
          List.of(
              new Route(Endpoint.V1_LIST_NAMESPACES, NOTHING),
              new Route(Endpoint.V1_CREATE_NAMESPACE, NOTHING),
              new Route(Endpoint.V1_LOAD_TABLE, NOTHING),
              new Route(Endpoint.V1_TABLE_EXISTS, NOTHING),
              new Route(Endpoint.V1_RENAME_TABLE, NOTHING)));

  @Test
  void matchesMethodAndPathAndExtractsVariables() {
    RestRouter.Result result = router.route("GET", "/v1/namespaces/a%1Fb/tables/t%20x");

    assertThat(result).isInstanceOf(RestRouter.Found.class);
    RestRouter.Found found = (RestRouter.Found) result;
    assertThat(found.route().endpoint()).isEqualTo(Endpoint.V1_LOAD_TABLE);
    assertThat(found.pathVariables()).isEqualTo(Map.of("namespace", "a%1Fb", "table", "t%20x"));
  }

  @Test
  void sameTemplateDifferentMethods() {
    assertThat(((RestRouter.Found) router.route("HEAD", "/v1/namespaces/a/tables/t")).route())
        .extracting(Route::endpoint)
        .isEqualTo(Endpoint.V1_TABLE_EXISTS);
    assertThat(((RestRouter.Found) router.route("POST", "/v1/namespaces")).route())
        .extracting(Route::endpoint)
        .isEqualTo(Endpoint.V1_CREATE_NAMESPACE);
  }

  @Test
  void literalSegmentsWinOverNothing() {
    assertThat(router.route("POST", "/v1/tables/rename")).isInstanceOf(RestRouter.Found.class);
    assertThat(router.route("POST", "/v1/tables/renamed")).isInstanceOf(RestRouter.NotFound.class);
  }

  @Test
  void knownPathWithAnotherMethodIsNotAllowed() {
    assertThat(router.route("DELETE", "/v1/namespaces"))
        .isEqualTo(new RestRouter.MethodNotAllowed(List.of("GET", "POST")));
  }

  @Test
  void unknownPathIsNotFound() {
    assertThat(router.route("GET", "/v2/namespaces")).isInstanceOf(RestRouter.NotFound.class);
    assertThat(router.route("GET", "/v1/namespaces/a/tables/t/extra"))
        .isInstanceOf(RestRouter.NotFound.class);
  }
}
