package io.strata.schemas;

import static java.util.Objects.requireNonNull;

/**
 * A change that a type's compatibility rule, or the immutability of registered versions, refuses.
 *
 * @param type the event type
 * @param version the version that breaks the rule (the newer one of the two compared)
 * @param field the JSON pointer of the field ({@code ""} for the payload itself), or null when the
 *     whole version is at fault (a registered version changed or removed)
 * @param file the file to fix
 * @param message one line that names the file, the type, the version and the field, and says why
 */
public record Breaking(String type, int version, String field, String file, String message) {
  public Breaking {
    requireNonNull(type, "type is null");
    requireNonNull(file, "file is null");
    requireNonNull(message, "message is null");
  }

  @Override
  public String toString() {
    return message;
  }
}
