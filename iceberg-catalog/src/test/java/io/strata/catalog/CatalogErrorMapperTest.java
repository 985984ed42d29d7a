package io.strata.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NamespaceNotEmptyException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NoSuchViewException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.rest.requests.CreateNamespaceRequest;
import org.apache.iceberg.rest.responses.ErrorResponse;
import org.junit.jupiter.api.Test;

class CatalogErrorMapperTest {
  @Test
  void mapsIcebergExceptionsToRestCodesAndTypes() {
    assertMapped(new NoSuchNamespaceException("Namespace does not exist: a"), 404);
    assertMapped(new NoSuchTableException("Table does not exist: a.b"), 404);
    assertMapped(new NoSuchViewException("View does not exist: a.v"), 404);
    assertMapped(new AlreadyExistsException("Table already exists: a.b"), 409);
    assertMapped(new CommitFailedException("Requirement failed: branch main has changed"), 409);
    assertMapped(new NamespaceNotEmptyException("Namespace a is not empty"), 409);
    assertMapped(new IllegalArgumentException("Invalid table name"), 400);
    assertMapped(new ValidationException("Cannot add column"), 400);
    assertMapped(new NotAuthorizedException("no"), 401);
  }

  @Test
  void anythingElseIsAnInternalError() {
    ErrorResponse error = CatalogErrorMapper.toResponse(new IllegalStateException("disk on fire"));

    assertThat(error.code()).isEqualTo(500);
    assertThat(error.message()).isEqualTo("internal error: disk on fire");
  }

  @Test
  void malformedJsonIsABadRequestThatSaysWhy() {
    Exception parseFailure =
        org.junit.jupiter.api.Assertions.assertThrows(
            Exception.class,
            () -> RestJson.mapper().readValue("{\"namespace\": ", CreateNamespaceRequest.class));

    ErrorResponse error = CatalogErrorMapper.toResponse(parseFailure);

    assertThat(error.code()).isEqualTo(400);
    assertThat(error.type()).isEqualTo("BadRequestException");
    assertThat(error.message()).startsWith("malformed request body: ");
  }

  private static void assertMapped(Exception e, int code) {
    ErrorResponse error = CatalogErrorMapper.toResponse(e);
    assertThat(error.code()).as(e.getClass().getSimpleName()).isEqualTo(code);
    assertThat(error.type()).isEqualTo(e.getClass().getSimpleName());
    assertThat(error.message()).isEqualTo(e.getMessage());
  }
}
