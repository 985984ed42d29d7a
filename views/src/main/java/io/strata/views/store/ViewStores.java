package io.strata.views.store;

import java.net.URI;
import java.nio.file.Path;

/** Opens a view store from where it is: {@code embedded:<folder>} or {@code redis://host:port} ({@code rediss://} too). */
public final class ViewStores {
  private ViewStores() {}

  /** Checks a location; the message names {@code key}. */
  public static String check(String key, String location) {
    if (location.startsWith("embedded:") && location.length() > "embedded:".length()) {
      return location;
    }
    if (location.startsWith("redis://") || location.startsWith("rediss://")) {
      URI uri = URI.create(location);
      if (uri.getHost() == null) {
        throw new IllegalArgumentException(key + " has no host: '" + location + "'");
      }
      return location;
    }
    throw new IllegalArgumentException(
        key + " must be embedded:<folder> or redis://host:port, got '" + location + "'");
  }

  public static ViewStore open(String location) {
    check("view store", location);
    return location.startsWith("embedded:")
        ? EmbeddedViewStore.open(Path.of(location.substring("embedded:".length())))
        : new RedisViewStore(URI.create(location));
  }
}
