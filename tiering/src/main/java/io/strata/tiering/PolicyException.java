package io.strata.tiering;

import io.strata.config.FileKeyException;

/** A tiering policy that cannot be used: names the file, the key and why. */
public final class PolicyException extends FileKeyException {
  public PolicyException(String file, String key, String why) {
    super(file, key, why);
  }
}
