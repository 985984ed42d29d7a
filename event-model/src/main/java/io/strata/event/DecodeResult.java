package io.strata.event;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The outcome of decoding or validating one wire message: an envelope or the reason it was
 * rejected.
 */
public sealed interface DecodeResult {

  /**
   * @param ignoredFields top-level fields of the wire object that no envelope field has: a producer
   *     of a newer envelope, accepted without them (forward compatible); at most a few names, cut to
   *     a readable length
   */
  record Valid(EventEnvelope envelope, List<String> ignoredFields) implements DecodeResult {
    public Valid {
      requireNonNull(envelope, "envelope is null");
      ignoredFields = List.copyOf(ignoredFields);
    }

    public Valid(EventEnvelope envelope) {
      this(envelope, List.of());
    }
  }

  record Invalid(Rejection rejection) implements DecodeResult {
    public Invalid {
      requireNonNull(rejection, "rejection is null");
    }
  }
}
