package io.strata.views.api;

import java.util.List;
import java.util.Optional;

/**
 * The projections as the stack that runs them sees them: what the lookup API lists, and the rebuild it
 * starts ({@code POST /v1/projections/{name}/rebuild}).
 */
public interface ProjectionService {
  /** Every projection, by name. */
  List<ProjectionStatus> list();

  Optional<ProjectionStatus> describe(String name);

  /**
   * Starts building the version that the projection's file defines now, beside the live one; returns at
   * once with the status.
   *
   * @throws ProjectionServiceException with the HTTP status and why, when it cannot start
   */
  ProjectionStatus rebuild(String name);
}
