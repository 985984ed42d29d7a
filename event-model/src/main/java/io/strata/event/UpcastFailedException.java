package io.strata.event;

import java.io.Serial;

/**
 * An upcaster refused an envelope or broke its contract; the validator turns this into
 * UPCAST_FAILED.
 */
public final class UpcastFailedException extends RuntimeException {

  @Serial private static final long serialVersionUID = 1L;

  UpcastFailedException(String eventType, int fromVersion, String reason, Throwable cause) {
    super(
        "upcast of '%s' from version %d to %d failed: %s"
            .formatted(eventType, fromVersion, fromVersion + 1, reason),
        cause);
  }
}
