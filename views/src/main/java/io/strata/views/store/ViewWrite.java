package io.strata.views.store;

import static java.util.Objects.requireNonNull;

/** One view as the projection job writes it: the whole document (an absolute value), its revision, its TTL. */
public record ViewWrite(ViewAddress address, StoredView view, long ttlMillis) {
  public ViewWrite {
    requireNonNull(address, "address is null");
    requireNonNull(view, "view is null");
    if (ttlMillis <= 0) {
      throw new IllegalArgumentException("ttlMillis must be positive, got " + ttlMillis);
    }
  }
}
