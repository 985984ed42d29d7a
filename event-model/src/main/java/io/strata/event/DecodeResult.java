package io.strata.event;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of decoding or validating one wire message: an envelope or the reason it was
 * rejected.
 */
public sealed interface DecodeResult {

  record Valid(EventEnvelope envelope) implements DecodeResult {
    public Valid {
      requireNonNull(envelope, "envelope is null");
    }
  }

  record Invalid(Rejection rejection) implements DecodeResult {
    public Invalid {
      requireNonNull(rejection, "rejection is null");
    }
  }
}
