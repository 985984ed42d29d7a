package io.strata.embedded;

import static java.util.Objects.requireNonNull;

/** An S3 access key pair. {@link #toString()} never prints the secret. */
public record S3Credentials(String accessKey, String secretKey) {
  public S3Credentials {
    requireNonNull(accessKey, "accessKey is null");
    requireNonNull(secretKey, "secretKey is null");
    if (accessKey.isBlank() || secretKey.isBlank()) {
      throw new IllegalArgumentException("S3 access key and secret key must not be blank");
    }
  }

  @Override
  public String toString() {
    return "S3Credentials[accessKey=" + accessKey + ", secretKey=***]";
  }
}
