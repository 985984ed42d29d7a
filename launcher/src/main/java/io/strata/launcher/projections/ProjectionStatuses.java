package io.strata.launcher.projections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.flink.views.ViewsJob;
import io.strata.launcher.stack.StackMetrics;
import io.strata.views.api.ProjectionStatus;
import io.strata.views.api.ProjectionStatus.BuildProgress;
import io.strata.views.catalog.CatalogEntry;
import io.strata.views.catalog.VersionEntry;
import io.strata.views.catalog.VersionState;
import io.strata.views.definition.ProjectionDefinition;
import io.strata.views.definition.ProjectionFile;
import io.strata.views.definition.ProjectionFiles;
import io.strata.views.fold.FoldRegistry;
import io.strata.views.store.ViewStore;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/** A projection's status for the lookup API, from its file, its catalog entry and the stack's metrics. */
final class ProjectionStatuses {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProjectionStatuses() {}

  static ProjectionStatus of(
      String name,
      Optional<ProjectionFile> file,
      CatalogEntry entry,
      FoldRegistry folds,
      StackMetrics metrics,
      ViewStore store,
      Optional<Map<Integer, Long>> catchUpTarget,
      Function<String, Map<Integer, Long>> committed) {
    OptionalInt live = entry.live();
    ProjectionDefinition shown = live.isPresent() && entry.versions().get(live.getAsInt()).definition().isPresent()
        ? ProjectionFiles.parse("catalog", entry.versions().get(live.getAsInt()).definition().get(), folds)
        : file.map(ProjectionFile::definition).orElse(null);
    OptionalInt defined = file.map(f -> OptionalInt.of(f.definition().version())).orElse(OptionalInt.empty());

    Optional<BuildProgress> progress = Optional.empty();
    boolean building = false;
    boolean failed = false;
    for (Map.Entry<Integer, VersionEntry> v : entry.versions().entrySet()) {
      VersionState state = v.getValue().state();
      if (state == VersionState.BUILDING) {
        building = true;
        progress = Optional.of(history(name, v.getKey(), v.getValue(), metrics));
      } else if (state == VersionState.CATCHING_UP) {
        building = true;
        progress = Optional.of(catchingUp(name, v.getKey(), v.getValue(), catchUpTarget, committed));
      } else if (state == VersionState.FAILED && defined.isPresent() && v.getKey() == defined.getAsInt()) {
        failed = true;
      }
    }
    String state;
    if (live.isEmpty()) {
      state = building ? "building" : failed ? "failed" : "starting";
    } else if (building) {
      state = "rebuilding";
    } else if (failed) {
      state = "rebuild-failed";
    } else if (defined.isPresent() && defined.getAsInt() > live.getAsInt()) {
      state = "needs-rebuild";
    } else {
      state = "live";
    }

    OptionalLong lagRecords = OptionalLong.empty();
    OptionalDouble lagSeconds = OptionalDouble.empty();
    Optional<Instant> lastUpdate = Optional.empty();
    if (live.isPresent()) {
      String job = ViewsJob.jobName(name, live.getAsInt());
      OptionalDouble lag = metrics.byJob("strata_source_lag_records", job);
      if (lag.isPresent()) {
        lagRecords = OptionalLong.of(Math.round(lag.getAsDouble()));
      }
      Double seconds = metrics.read().get("strata_view_lag_seconds{projection=\"" + name + "\",version=\"" + live.getAsInt() + "\"}");
      if (seconds != null) {
        lagSeconds = OptionalDouble.of(seconds);
      }
      lastUpdate = store.getMeta("progress:" + name + ":v" + live.getAsInt()).flatMap(ProjectionStatuses::updatedAt);
    }
    return new ProjectionStatus(
        name,
        shown == null ? "" : shown.description(),
        shown == null ? "" : shown.foldName(),
        shown == null ? "" : shown.key().toString(),
        defined, live, state, entry.versions(), lagRecords, lagSeconds, lastUpdate, progress);
  }

  /** Reading, then folding, the lake's history: events of the history job so far, of the snapshot's. */
  private static BuildProgress history(String name, int version, VersionEntry entry, StackMetrics metrics) {
    if (entry.startOffsets().isEmpty()) {
      return new BuildProgress(version, "pinning a lake snapshot", 0, 0);
    }
    if (entry.savepoint().isPresent()) {
      return new BuildProgress(version, "starting its job", entry.historyEvents(), entry.historyEvents());
    }
    String job = ViewsJob.jobName(name, version) + "-history";
    double folded = metrics.byJob("strata_view_events_folded_total", job).orElse(0);
    if (folded > 0) {
      return new BuildProgress(version, "folding history", Math.round(folded), entry.historyEvents());
    }
    double read = metrics.byJob("strata_view_events_routed_total", job).orElse(0)
        + metrics.byJob("strata_view_events_without_key_total", job).orElse(0);
    return new BuildProgress(version, "reading history", Math.round(read), entry.historyEvents());
  }

  /** Folding the hot log from where the history ends up to where it must reach: records so far, of all. */
  private static BuildProgress catchingUp(
      String name, int version, VersionEntry entry, Optional<Map<Integer, Long>> target, Function<String, Map<Integer, Long>> committed) {
    Map<Integer, Long> at = committed.apply(ViewsJob.groupId(name, version));
    long done = 0;
    long total = 0;
    for (Map.Entry<Integer, Long> start : entry.startOffsets().entrySet()) {
      long end = target.map(t -> t.getOrDefault(start.getKey(), start.getValue())).orElse(start.getValue());
      long now = Math.min(end, at.getOrDefault(start.getKey(), start.getValue()));
      total += Math.max(0, end - start.getValue());
      done += Math.max(0, now - start.getValue());
    }
    return new BuildProgress(version, "catching up", done, total);
  }

  private static Optional<Instant> updatedAt(String progress) {
    try {
      JsonNode node = JSON.readTree(progress);
      return node.hasNonNull("updated_at") ? Optional.of(Instant.parse(node.get("updated_at").asText())) : Optional.empty();
    } catch (IOException | java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

}
