package io.strata.views.definition;

/** A projection definition that cannot be used: names the file, the key and why. */
public final class DefinitionException extends IllegalArgumentException {
  private final String file;
  private final String key;

  public DefinitionException(String file, String key, String why) {
    super(file + ": " + key + ": " + why);
    this.file = file;
    this.key = key;
  }

  public String file() {
    return file;
  }

  public String key() {
    return key;
  }
}
