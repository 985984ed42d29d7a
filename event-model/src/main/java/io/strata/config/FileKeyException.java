package io.strata.config;

/** A file a user writes (a projection, a policy) that cannot be used: names the file, the key and why. */
public class FileKeyException extends IllegalArgumentException {
  private final String file;
  private final String key;

  public FileKeyException(String file, String key, String why) {
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
