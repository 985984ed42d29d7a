package io.strata.catalog;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Checks the {@code Authorization: Bearer <token>} header against the configured token. */
final class BearerTokenCheck {
  private static final String SCHEME = "Bearer ";

  private final Optional<byte[]> expected;

  BearerTokenCheck(Optional<String> token) {
    requireNonNull(token, "token is null");
    this.expected = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
  }

  boolean enabled() {
    return expected.isPresent();
  }

  /** Empty when the request may pass, otherwise what is wrong with it (never the token itself). */
  Optional<String> rejection(String authorizationHeader) {
    if (expected.isEmpty()) {
      return Optional.empty();
    }
    if (authorizationHeader == null || authorizationHeader.isBlank()) {
      return Optional.of("missing bearer token: send 'Authorization: Bearer <token>'");
    }
    if (!authorizationHeader.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return Optional.of("the Authorization header must use the Bearer scheme");
    }
    byte[] given =
        authorizationHeader.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
    // Constant-time comparison, so response timing does not reveal how much of the token matched.
    return MessageDigest.isEqual(expected.get(), given)
        ? Optional.empty()
        : Optional.of("invalid bearer token");
  }
}
