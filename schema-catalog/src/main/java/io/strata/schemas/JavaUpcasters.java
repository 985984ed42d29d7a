package io.strata.schemas;

import static java.util.Objects.requireNonNull;

import io.strata.event.UpcasterFactory;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** The Java upcasters a version file's {@code - java: <name>} step may name. */
public final class JavaUpcasters {
  private final Map<String, UpcasterFactory> byName = new TreeMap<>();

  private JavaUpcasters() {}

  /** The classpath's {@link UpcasterFactory} services (event-model registers {@code order-placed-amount-to-cents}). */
  public static JavaUpcasters standard() {
    JavaUpcasters upcasters = new JavaUpcasters();
    for (UpcasterFactory factory : ServiceLoader.load(UpcasterFactory.class)) {
      upcasters.register(factory);
    }
    return upcasters;
  }

  /** None: for tests, which register their own. */
  public static JavaUpcasters none() {
    return new JavaUpcasters();
  }

  public JavaUpcasters register(UpcasterFactory factory) {
    requireNonNull(factory, "factory is null");
    String name = requireNonNull(factory.name(), "factory name is null");
    if (!name.matches("[a-z][a-z0-9-]{0,62}")) {
      throw new IllegalArgumentException(
          "upcaster name must be lower-case letters, digits and dashes, got '" + name + "'");
    }
    if (byName.putIfAbsent(name, factory) != null) {
      throw new IllegalArgumentException("an upcaster named '" + name + "' is registered twice");
    }
    return this;
  }

  public Optional<UpcasterFactory> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Set<String> names() {
    return Collections.unmodifiableSet(byName.keySet());
  }
}
