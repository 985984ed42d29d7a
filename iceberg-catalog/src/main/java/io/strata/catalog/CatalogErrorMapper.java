package io.strata.catalog;

import com.fasterxml.jackson.core.JacksonException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NamespaceNotEmptyException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NoSuchViewException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.rest.responses.ErrorResponse;

/**
 * Turns what a handler threw into the Iceberg {@link ErrorResponse} the REST clients expect: the
 * HTTP code picks the client's exception family, the type (the exception's simple name) the exact
 * class.
 */
final class CatalogErrorMapper {
  private record Rule(Class<? extends Exception> type, int code) {}

  // The first rule whose type matches wins.
  private static final List<Rule> RULES =
      List.of(
          new Rule(NoSuchNamespaceException.class, 404),
          new Rule(NoSuchTableException.class, 404),
          new Rule(NoSuchViewException.class, 404),
          new Rule(NamespaceNotEmptyException.class, 409),
          new Rule(AlreadyExistsException.class, 409),
          new Rule(CommitFailedException.class, 409),
          new Rule(CommitStateUnknownException.class, 500),
          new Rule(NotAuthorizedException.class, 401),
          new Rule(ForbiddenException.class, 403),
          new Rule(BadRequestException.class, 400),
          new Rule(ValidationException.class, 400),
          new Rule(IllegalArgumentException.class, 400),
          new Rule(UnsupportedOperationException.class, 406));

  private CatalogErrorMapper() {}

  static ErrorResponse toResponse(Exception e) {
    if (e instanceof JacksonException || isMalformedBody(e)) {
      return error(400, "BadRequestException", "malformed request body: " + rootMessage(e));
    }
    for (Rule rule : RULES) {
      if (rule.type().isInstance(e)) {
        return error(rule.code(), e.getClass().getSimpleName(), messageOf(e));
      }
    }
    return error(500, e.getClass().getSimpleName(), "internal error: " + messageOf(e));
  }

  static ErrorResponse error(int code, String type, String message) {
    return ErrorResponse.builder().responseCode(code).withType(type).withMessage(message).build();
  }

  private static boolean isMalformedBody(Exception e) {
    return e instanceof UncheckedIOException && e.getCause() instanceof JacksonException;
  }

  private static String messageOf(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message =
        cause instanceof JacksonException jackson
            ? jackson.getOriginalMessage()
            : cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }
}
