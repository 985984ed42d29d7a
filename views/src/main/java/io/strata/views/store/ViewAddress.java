package io.strata.views.store;

import static java.util.Objects.requireNonNull;

/**
 * Where one view lives: a projection, one of its versions, a tenant, a key. The store key joins the
 * four with {@code :} and escapes {@code %} and {@code :} inside each, so that no key a reader gives,
 * whatever it holds (separators, encoded slashes), can name another tenant's or projection's view.
 */
public record ViewAddress(String projection, int version, String tenant, String key) {
  /** Every store key starts with this; a change of layout gets a new prefix. */
  public static final String PREFIX = "strata:v1:";

  public ViewAddress {
    requireNonNull(projection, "projection is null");
    requireNonNull(tenant, "tenant is null");
    requireNonNull(key, "key is null");
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, got " + version);
    }
  }

  public String storeKey() {
    return versionPrefix(projection, version) + escape(tenant) + ":" + escape(key);
  }

  /** The start of every store key of one projection version. */
  public static String versionPrefix(String projection, int version) {
    return PREFIX + escape(projection) + ":" + version + ":";
  }

  static String escape(String part) {
    return part.replace("%", "%25").replace(":", "%3A");
  }
}
