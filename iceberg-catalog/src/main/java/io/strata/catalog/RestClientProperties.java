package io.strata.catalog;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.CatalogProperties;

/**
 * The properties an Iceberg REST catalog client needs to reach the Strata catalog: its URI and, when
 * the catalog is protected, the bearer token. One place for every client (tier job, metrics, bench).
 */
public final class RestClientProperties {
  private RestClientProperties() {}

  /** A new mutable map, so that a caller can add its own client settings. */
  public static Map<String, String> of(String uri, Optional<String> token) {
    requireNonNull(uri, "uri is null");
    requireNonNull(token, "token is null");
    Map<String, String> properties = new HashMap<>();
    properties.put(CatalogProperties.URI, uri);
    token.ifPresent(t -> properties.put("token", t));
    return properties;
  }
}
