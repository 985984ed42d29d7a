package io.strata.event;

import java.io.Serial;
import java.io.Serializable;

/** Limits the validator enforces on each message. */
public record ValidationConfig(int maxPayloadBytes) implements Serializable {

  /** Largest accepted payload, in UTF-8 bytes of its compact JSON form; default 1048576 (1 MiB). */
  public static final String MAX_PAYLOAD_BYTES_KEY = "strata.ingest.max-payload-bytes";

  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1_048_576;

  @Serial private static final long serialVersionUID = 1L;

  public ValidationConfig {
    if (maxPayloadBytes <= 0) {
      throw new IllegalArgumentException(
          MAX_PAYLOAD_BYTES_KEY + " must be > 0, got " + maxPayloadBytes);
    }
    if (maxPayloadBytes > RecordLimits.maxPayloadLimit()) {
      throw new IllegalArgumentException(
          MAX_PAYLOAD_BYTES_KEY + " must be at most " + RecordLimits.maxPayloadLimit() + " (the raw topic takes records of up to "
              + RecordLimits.MAX_RAW_RECORD_BYTES + " bytes, envelope included), got " + maxPayloadBytes);
    }
  }

  public static ValidationConfig defaults() {
    return new ValidationConfig(DEFAULT_MAX_PAYLOAD_BYTES);
  }
}
