package io.strata.views.fold;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The folds a definition's {@code fold:} may name: the built-ins, then any registered. */
public final class FoldRegistry {
  private final Map<String, FoldFactory> byName = new TreeMap<>();

  private FoldRegistry() {}

  /** {@code latest-state}, {@code timeline}, {@code counter}, and the classpath's {@link FoldFactory} services. */
  public static FoldRegistry standard() {
    FoldRegistry registry = new FoldRegistry();
    registry.register(LatestStateFold.factory());
    registry.register(TimelineFold.factory());
    registry.register(CounterFold.factory());
    for (FoldFactory custom : ServiceLoader.load(FoldFactory.class)) {
      registry.register(custom);
    }
    return registry;
  }

  public FoldRegistry register(FoldFactory factory) {
    if (!factory.name().matches("[a-z][a-z0-9-]{0,62}")) {
      throw new IllegalArgumentException("fold name must be lower-case letters, digits and dashes, got '" + factory.name() + "'");
    }
    if (byName.putIfAbsent(factory.name(), factory) != null) {
      throw new IllegalArgumentException("a fold named '" + factory.name() + "' is registered twice");
    }
    return this;
  }

  public Optional<FoldFactory> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public java.util.Set<String> names() {
    return byName.keySet();
  }
}
