package io.strata.views.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One version of a projection, as the catalog keeps it.
 *
 * @param state where the version stands
 * @param definition the projection file's text this version was made from; empty only for versions
 *     registered before the catalog kept definitions
 * @param snapshotId the lake snapshot its history was folded from; empty when there was none
 * @param startOffsets where its job starts folding the hot log (partition to offset): one past the last
 *     offset of each partition that the snapshot holds
 * @param savepoint the savepoint holding the folded history's state, which its job starts from
 * @param historyEvents how many lake events the history holds for this projection (a build's total)
 * @param changedAt when the state last changed
 * @param note why the state changed (a failure's reason), for operators
 */
public record VersionEntry(
    VersionState state,
    Optional<String> definition,
    Optional<Long> snapshotId,
    Map<Integer, Long> startOffsets,
    Optional<String> savepoint,
    long historyEvents,
    Instant changedAt,
    String note) {

  public VersionEntry {
    requireNonNull(state, "state is null");
    requireNonNull(definition, "definition is null");
    requireNonNull(snapshotId, "snapshotId is null");
    startOffsets = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(startOffsets, "startOffsets is null")));
    requireNonNull(savepoint, "savepoint is null");
    requireNonNull(changedAt, "changedAt is null");
    requireNonNull(note, "note is null");
    if (historyEvents < 0) {
      throw new IllegalArgumentException("historyEvents must not be negative, got " + historyEvents);
    }
  }

  /** A new version, about to be built from {@code definition}. */
  public static VersionEntry building(String definition, Instant now) {
    return new VersionEntry(VersionState.BUILDING, Optional.of(definition), Optional.empty(), Map.of(),
        Optional.empty(), 0, now, "");
  }

  public VersionEntry withState(VersionState next, Instant now, String why) {
    return new VersionEntry(next, definition, snapshotId, startOffsets, savepoint, historyEvents, now, why);
  }

  /** The history this version is folded from: the snapshot, where the hot log takes over, and the size. */
  public VersionEntry withHistory(Optional<Long> snapshot, Map<Integer, Long> offsets, long events) {
    return new VersionEntry(state, definition, snapshot, offsets, savepoint, events, changedAt, note);
  }

  public VersionEntry withSavepoint(String path) {
    return new VersionEntry(state, definition, snapshotId, startOffsets, Optional.of(path), historyEvents, changedAt, note);
  }
}
