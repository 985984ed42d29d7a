package io.strata.catalog;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.rest.responses.ErrorResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty handler of the REST catalog: checks the bearer token, routes, reads the JSON body, runs
 * the route and writes its response, or an Iceberg error response. Handlers block (JDBC, S3), so
 * this is a blocking handler run on Jetty's thread pool.
 */
final class RestHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(RestHandler.class);

  private final RestRouter router;
  private final BearerTokenCheck tokenCheck;

  RestHandler(RestRouter router, BearerTokenCheck tokenCheck) {
    this.router = requireNonNull(router, "router is null");
    this.tokenCheck = requireNonNull(tokenCheck, "tokenCheck is null");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String method = request.getMethod();
    String path = request.getHttpURI().getPath();
    Object body = answer(method, path, request, response);
    int status = body == null ? 204 : body instanceof ErrorResponse error ? error.code() : 200;
    LOG.debug("{} {} -> {}", method, path, status);
    write(response, callback, status, "HEAD".equals(method) ? null : body);
    return true;
  }

  /** The response object: a REST response, an {@link ErrorResponse}, or null for 204. */
  private Object answer(String method, String path, Request request, Response response) {
    Optional<String> rejection =
        tokenCheck.rejection(request.getHeaders().get(HttpHeader.AUTHORIZATION));
    if (rejection.isPresent()) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
      return CatalogErrorMapper.error(401, "NotAuthorizedException", rejection.get());
    }
    RestRouter.Result result = router.route(method, path);
    if (result instanceof RestRouter.MethodNotAllowed notAllowed) {
      String allowed = String.join(", ", notAllowed.allowed());
      response.getHeaders().put(HttpHeader.ALLOW, allowed);
      return CatalogErrorMapper.error(
          405,
          "MethodNotAllowedException",
          "method " + method + " is not allowed on " + path + "; allowed: " + allowed);
    }
    if (!(result instanceof RestRouter.Found found)) {
      return CatalogErrorMapper.error(
          404, "NoSuchEndpointException", "no such endpoint: " + method + " " + path);
    }
    try {
      RestRequest restRequest =
          new RestRequest(
              method,
              path,
              found.pathVariables(),
              queryParameters(request),
              Content.Source.asString(request, StandardCharsets.UTF_8));
      return found.route().handler().handle(restRequest);
    } catch (Exception e) {
      ErrorResponse error = CatalogErrorMapper.toResponse(e);
      if (error.code() >= 500) {
        LOG.error("{} {} failed", method, path, e);
      }
      return error;
    }
  }

  private static Map<String, String> queryParameters(Request request) {
    Fields fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    Map<String, String> query = new HashMap<>();
    for (Fields.Field field : fields) {
      query.put(field.getName(), field.getValue());
    }
    return query;
  }

  private static void write(Response response, Callback callback, int status, Object body) {
    response.setStatus(status);
    if (body == null) {
      callback.succeeded();
      return;
    }
    byte[] json;
    try {
      json = RestJson.mapper().writeValueAsBytes(body);
    } catch (Exception e) {
      LOG.error("cannot serialize a {} response", body.getClass().getSimpleName(), e);
      response.setStatus(500);
      json =
          ("{\"error\":{\"message\":\"cannot serialize the response\","
                  + "\"type\":\"RESTException\",\"code\":500}}")
              .getBytes(StandardCharsets.UTF_8);
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(json), callback);
  }
}
