package io.strata.views.definition;

import io.strata.config.FileKeyException;

/** A projection definition that cannot be used: names the file, the key and why. */
public final class DefinitionException extends FileKeyException {
  public DefinitionException(String file, String key, String why) {
    super(file, key, why);
  }
}
