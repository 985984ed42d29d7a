package io.strata.views.api;

/** A request about projections that cannot be done: the HTTP status to answer and why, for the client. */
public final class ProjectionServiceException extends RuntimeException {
  private final int status;

  public ProjectionServiceException(int status, String message) {
    super(message);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 4xx or 5xx, got " + status);
    }
    this.status = status;
  }

  public int status() {
    return status;
  }
}
