package io.strata.views.catalog;

import static java.util.Objects.requireNonNull;

import io.strata.views.definition.ProjectionDefinition;
import io.strata.views.definition.ProjectionFiles;
import io.strata.views.fold.FoldRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The live version of each projection and its definition, as the lookup API reads them on every
 * request: from a copy of the catalog entry at most {@code maxAgeMillis} old, so that a lookup costs one
 * store read, not two. A switch of the live version reaches every reader within that time, so a retired
 * version's views must outlive the switch by at least as long.
 *
 * <p>A version's definition is the text the catalog keeps with it, parsed once (versions never change).
 * Versions registered before the catalog kept definitions take the projection file's definition.
 */
public final class LiveProjections {
  /** How old a copy of the catalog the lookup API serves from. */
  public static final long MAX_AGE_MILLIS = 1_000;

  /** The version that serves lookups and how it folds. */
  public record Live(int version, ProjectionDefinition definition) {}

  private record Copy(Optional<CatalogEntry> entry, long readAtMillis) {}

  private final ProjectionCatalog catalog;
  private final FoldRegistry folds;
  private final Map<String, ProjectionDefinition> files;
  private final long maxAgeMillis;
  private final LongSupplier clock;
  private final ConcurrentHashMap<String, Copy> copies = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ProjectionDefinition> definitions = new ConcurrentHashMap<>();

  public LiveProjections(
      ProjectionCatalog catalog, FoldRegistry folds, Map<String, ProjectionDefinition> files, long maxAgeMillis, LongSupplier clock) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.folds = requireNonNull(folds, "folds is null");
    this.files = Map.copyOf(requireNonNull(files, "files is null"));
    this.maxAgeMillis = maxAgeMillis;
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Whether a projection of that name exists, live or not yet. */
  public boolean known(String name) {
    return files.containsKey(name) || entry(name).isPresent();
  }

  /** The live version of {@code name}, empty while it has none (or no such projection exists). */
  public Optional<Live> live(String name) {
    Optional<CatalogEntry> entry = entry(name);
    if (entry.isEmpty() || entry.get().live().isEmpty()) {
      return Optional.empty();
    }
    int version = entry.get().live().getAsInt();
    return definition(name, version, entry.get().versions().get(version)).map(d -> new Live(version, d));
  }

  private Optional<ProjectionDefinition> definition(String name, int version, VersionEntry entry) {
    if (entry.definition().isEmpty()) {
      return Optional.ofNullable(files.get(name));
    }
    return Optional.of(definitions.computeIfAbsent(name + "@" + version,
        id -> ProjectionFiles.parse("catalog:" + id, entry.definition().get(), folds)));
  }

  private Optional<CatalogEntry> entry(String name) {
    long now = clock.getAsLong();
    Copy copy = copies.get(name);
    if (copy == null || now - copy.readAtMillis() >= maxAgeMillis) {
      copy = new Copy(catalog.entry(name), now);
      copies.put(name, copy);
    }
    return copy.entry();
  }
}
