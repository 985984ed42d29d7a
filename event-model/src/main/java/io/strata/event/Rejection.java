package io.strata.event;

import static java.util.Objects.requireNonNull;

import java.io.Serial;
import java.io.Serializable;

/**
 * Why a message was refused; {@code message} names the field and never carries payload contents.
 */
public record Rejection(RejectionCode code, String message) implements Serializable {

  @Serial private static final long serialVersionUID = 1L;

  public Rejection {
    requireNonNull(code, "code is null");
    requireNonNull(message, "message is null");
  }
}
