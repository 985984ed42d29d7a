package io.strata.views.api;

import io.strata.views.catalog.VersionEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A projection service with two projections, {@code entity-state} (live at version 1) and {@code fresh}
 * (its first version reading history), whose rebuilds are recorded: the first one of
 * {@code entity-state} starts, a second is refused as the stack refuses it while one runs.
 */
final class TestingProjectionService implements ProjectionService {
  final List<String> rebuilt = new ArrayList<>();

  @Override
  public List<ProjectionStatus> list() {
    return List.of(describe("entity-state").orElseThrow(), describe("fresh").orElseThrow());
  }

  @Override
  public Optional<ProjectionStatus> describe(String name) {
    return switch (name) {
      case "entity-state" -> Optional.of(status(name, OptionalInt.of(1), rebuilt.isEmpty() ? "live" : "rebuilding", Optional.empty()));
      case "fresh" -> Optional.of(status(name, OptionalInt.empty(), "building",
          Optional.of(new ProjectionStatus.BuildProgress(1, "reading history", 10, 100))));
      default -> Optional.empty();
    };
  }

  @Override
  public synchronized ProjectionStatus rebuild(String name) {
    if (describe(name).isEmpty()) {
      throw new ProjectionServiceException(404, "no projection named '" + name + "' in projections");
    }
    rebuilt.add(name);
    if (rebuilt.size() > 1) {
      throw new ProjectionServiceException(409, "version 2 of projection '" + name + "' is being built (building): wait for it to go live");
    }
    return describe(name).orElseThrow();
  }

  private static ProjectionStatus status(
      String name, OptionalInt live, String state, Optional<ProjectionStatus.BuildProgress> progress) {
    TreeMap<Integer, VersionEntry> versions = new TreeMap<>();
    versions.put(1, VersionEntry.building("name: " + name + "\nversion: 1\nkey: entity\nfold: latest-state\n", java.time.Instant.EPOCH)
        .withState(live.isPresent() ? io.strata.views.catalog.VersionState.LIVE : io.strata.views.catalog.VersionState.BUILDING,
            java.time.Instant.EPOCH, ""));
    return new ProjectionStatus(name, "", "latest-state", "entity", OptionalInt.of(1), live, state, versions,
        live.isPresent() ? OptionalLong.of(0) : OptionalLong.empty(), OptionalDouble.empty(), Optional.empty(), progress);
  }
}
