package io.strata.schemas;

import static java.util.Objects.requireNonNull;

/**
 * Why a payload is not valid under the JSON Schema of its version. Never carries the payload's values:
 * it ends up in dead-letter headers and logs.
 *
 * @param type the event type
 * @param version the schema version the payload was checked against
 * @param pointer the JSON pointer of the offending field ({@code ""} for the payload itself; for a
 *     missing required field, the field that is missing)
 * @param keyword the JSON Schema keyword that failed, such as {@code type} or {@code required}
 * @param message why, without the field's value, such as {@code integer expected, got string}
 */
public record PayloadViolation(String type, int version, String pointer, String keyword, String message) {
  public PayloadViolation {
    requireNonNull(type, "type is null");
    requireNonNull(pointer, "pointer is null");
    requireNonNull(keyword, "keyword is null");
    requireNonNull(message, "message is null");
  }

  /**
   * One line for a dead letter or a log: {@code payload of order.placed v2 at /amount_cents: integer
   * expected, got string (type)}.
   */
  public String reason() {
    String at = pointer.isEmpty() ? "" : " at " + pointer;
    return "payload of " + type + " v" + version + at + ": " + message + " (" + keyword + ")";
  }
}
