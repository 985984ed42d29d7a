package io.strata.views.api;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Bearer tokens and the tenant each may read, from {@code strata.views.tokens}:
 * {@code <token>=<tenant>,<token>=<tenant>}. A token reads its own tenant's views and nothing else: the
 * tenant of a lookup comes from its token, never from the request.
 */
public final class TenantTokens {
  private final Map<String, String> tenantByToken;

  private TenantTokens(Map<String, String> tenantByToken) {
    this.tenantByToken = Map.copyOf(tenantByToken);
  }

  public static TenantTokens parse(String key, String text) {
    Map<String, String> tokens = new HashMap<>();
    if (text == null || text.isBlank()) {
      return new TenantTokens(tokens);
    }
    for (String pair : text.split(",")) {
      int eq = pair.indexOf('=');
      String token = eq < 0 ? "" : pair.substring(0, eq).trim();
      String tenant = eq < 0 ? "" : pair.substring(eq + 1).trim();
      if (!token.matches("[A-Za-z0-9._~+/-]{16,}") || tenant.isEmpty()) {
        throw new IllegalArgumentException(
            key + " must be <token>=<tenant> pairs separated by commas, each token at least 16 letters, digits or ._~+/-, got '"
                + pair.trim() + "'");
      }
      if (tokens.put(token, tenant) != null) {
        throw new IllegalArgumentException(key + " names one token twice");
      }
    }
    return new TenantTokens(tokens);
  }

  /** The tenant of an {@code Authorization} header's bearer token, when it is one of ours. */
  public Optional<String> tenantOf(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return Optional.ofNullable(tenantByToken.get(authorization.substring(7).trim()));
  }

  public int size() {
    return tenantByToken.size();
  }
}
