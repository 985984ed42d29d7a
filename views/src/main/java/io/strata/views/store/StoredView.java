package io.strata.views.store;

import static java.util.Objects.requireNonNull;

/**
 * A view as the store holds it.
 *
 * @param revision how many events were folded into it: grows by one with each, so a write is applied
 *     only when its revision is higher, and a replay or a restore never moves a view back
 * @param updatedAtMillis when the projection job wrote it
 * @param ingestTimeMillis the ingest time of the newest event folded in (for freshness and lag)
 * @param document the view, JSON
 */
public record StoredView(long revision, long updatedAtMillis, long ingestTimeMillis, byte[] document) {
  public StoredView {
    requireNonNull(document, "document is null");
  }
}
