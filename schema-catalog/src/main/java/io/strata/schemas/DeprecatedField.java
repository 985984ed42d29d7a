package io.strata.schemas;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * A field of a version that producers should stop sending: it is still valid, and readers still get
 * it, but it may go in a later version (with an upcast step that removes or moves it).
 *
 * @param field the JSON pointer of the field in the version's payload, such as {@code /amount}
 * @param since the day it was deprecated
 * @param reason what to use instead; may be empty
 */
public record DeprecatedField(String field, LocalDate since, String reason) {
  public DeprecatedField {
    requireNonNull(field, "field is null");
    requireNonNull(since, "since is null");
    requireNonNull(reason, "reason is null");
  }
}
