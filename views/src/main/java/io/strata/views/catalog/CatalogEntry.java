package io.strata.views.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A projection in the catalog: its versions and which one serves lookups. Immutable: every change is a
 * new entry, written whole, so a reader sees the switch of the live version at once or not at all.
 */
public record CatalogEntry(OptionalInt live, SortedMap<Integer, VersionEntry> versions) {
  public CatalogEntry {
    requireNonNull(live, "live is null");
    versions = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(versions, "versions is null")));
    if (live.isPresent() && !versions.containsKey(live.getAsInt())) {
      throw new IllegalArgumentException("live version " + live.getAsInt() + " is not among the versions " + versions.keySet());
    }
  }

  public static CatalogEntry empty() {
    return new CatalogEntry(OptionalInt.empty(), new TreeMap<>());
  }

  public Optional<VersionEntry> version(int version) {
    return Optional.ofNullable(versions.get(version));
  }

  /** The newest version number the catalog has seen, 0 for none. */
  public int newestVersion() {
    return versions.isEmpty() ? 0 : versions.lastKey();
  }

  /** This entry with one version put (added or replaced). */
  public CatalogEntry with(int version, VersionEntry entry) {
    TreeMap<Integer, VersionEntry> next = new TreeMap<>(versions);
    next.put(version, entry);
    return new CatalogEntry(live, next);
  }

  /**
   * {@code version} becomes live in the same entry that retires the version it replaces: one write, so
   * lookups move from the old to the new version at once.
   */
  public CatalogEntry switchLive(int version, Instant now) {
    VersionEntry next = version(version).orElseThrow(() -> new IllegalArgumentException("no version " + version));
    TreeMap<Integer, VersionEntry> versions = new TreeMap<>(this.versions);
    versions.put(version, next.withState(VersionState.LIVE, now, ""));
    if (live.isPresent() && live.getAsInt() != version) {
      versions.computeIfPresent(live.getAsInt(),
          (v, old) -> old.withState(VersionState.RETIRING, now, "replaced by version " + version));
    }
    return new CatalogEntry(OptionalInt.of(version), versions);
  }

  /** The versions whose job folds the hot log (catching up or live). */
  public Map<Integer, VersionEntry> folding() {
    TreeMap<Integer, VersionEntry> out = new TreeMap<>();
    versions.forEach((v, e) -> {
      if (e.state().folds()) {
        out.put(v, e);
      }
    });
    return out;
  }
}
