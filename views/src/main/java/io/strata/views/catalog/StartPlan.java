package io.strata.views.catalog;

import static java.util.Objects.requireNonNull;

import io.strata.views.definition.DefinitionException;
import io.strata.views.definition.ProjectionFile;
import io.strata.views.definition.ProjectionFiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * What the stack does with one projection when it starts, decided from its file and its catalog entry
 * alone: which versions' jobs run and how they start, what is built or finished first, and what is
 * wrong with the file. Plain decisions; the stack carries them out.
 */
public final class StartPlan {
  /** One thing to do for the projection, in order. */
  public sealed interface Step {}

  /** Run a live version's job: from its latest checkpoint, else from where its build left it. */
  public record RunLive(int version) implements Step {}

  /**
   * Build a version: fold a lake snapshot into its views and a savepoint, start its job from there, and
   * make it live once it has caught up ({@code live}: it already is, and serves while it is rebuilt in place).
   */
  public record Build(int version, boolean live) implements Step {}

  /** Run the job of a version that was catching up, and make it live once it has caught up. */
  public record CatchUp(int version) implements Step {}

  /** Finish retiring a replaced version: its job stopped, its views, consumer group and checkpoints gone. */
  public record Retire(int version) implements Step {}

  /**
   * The decision: the steps, the catalog entry to write before carrying them out, and what an operator
   * should hear.
   */
  public record Decision(List<Step> steps, CatalogEntry entry, List<String> warnings) {
    public Decision {
      steps = List.copyOf(steps);
      requireNonNull(entry, "entry is null");
      warnings = List.copyOf(warnings);
    }
  }

  private StartPlan() {}

  /**
   * @param name the projection
   * @param file its file now, if it has one
   * @param entry its catalog entry, if it has one
   * @param hasCheckpoint whether a version's job has a checkpoint to resume from
   * @param dir the projections folder, for messages
   * @throws DefinitionException when the file cannot be run as it is, naming the file, the key and why
   */
  public static Decision decide(
      String name, Optional<ProjectionFile> file, Optional<CatalogEntry> entry, IntPredicate hasCheckpoint, String dir, Instant now) {
    List<Step> steps = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    if (entry.isEmpty()) {
      ProjectionFile f = file.orElseThrow(() -> new IllegalArgumentException("projection " + name + " has neither file nor catalog entry"));
      int version = f.definition().version();
      steps.add(new Build(version, false));
      return new Decision(steps, CatalogEntry.empty().with(version, VersionEntry.building(f.text(), now)), warnings);
    }
    CatalogEntry current = entry.get();
    for (Map.Entry<Integer, VersionEntry> v : current.versions().entrySet()) {
      if (v.getValue().state() == VersionState.RETIRING) {
        steps.add(new Retire(v.getKey()));
      }
    }
    if (file.isEmpty()) {
      warnings.add("projection " + name + " has no file in " + dir + " any more: its views are served as they are, no longer updated");
      return new Decision(steps, current, warnings);
    }
    ProjectionFile f = file.get();
    int defined = f.definition().version();
    if (current.live().isPresent()) {
      int live = current.live().getAsInt();
      VersionEntry liveEntry = current.versions().get(live);
      if (defined < live) {
        throw new DefinitionException(f.definition().file(), "version",
            "is " + defined + " but version " + live + " of projection '" + name + "' is live: a file may only move to newer versions");
      }
      if (liveEntry.definition().isEmpty()) {
        if (defined != live) {
          throw new DefinitionException(f.definition().file(), "version",
              "is " + defined + ", but the live version " + live + " was registered before the catalog kept definitions, so it"
                  + " cannot go on beside a rebuild: put version " + live + "'s definition back, start, then change it");
        }
        // Registered by an older Strata: keep the file's text as the version's definition from now on.
        current = current.with(live, new VersionEntry(liveEntry.state(), Optional.of(f.text()), liveEntry.snapshotId(),
            liveEntry.startOffsets(), liveEntry.savepoint(), liveEntry.historyEvents(), liveEntry.changedAt(), liveEntry.note()));
        liveEntry = current.versions().get(live);
      } else if (defined == live && !ProjectionFiles.sameDefinition(liveEntry.definition().get(), f.text())) {
        throw new DefinitionException(f.definition().file(), "version",
            "is still " + live + ", the live version, but the definition changed: give the changed definition version "
                + (current.newestVersion() + 1) + ", then run: bin/strata projections rebuild " + name);
      }
      boolean started = hasCheckpoint.test(live) || liveEntry.savepoint().isPresent() || !liveEntry.startOffsets().isEmpty();
      steps.add(started ? new RunLive(live) : new Build(live, true));
    }
    boolean building = false;
    for (Map.Entry<Integer, VersionEntry> v : current.versions().entrySet()) {
      int version = v.getKey();
      VersionState state = v.getValue().state();
      if (state != VersionState.BUILDING && state != VersionState.CATCHING_UP) {
        continue;
      }
      if (version != defined) {
        current = current.with(version, v.getValue().withState(VersionState.FAILED, now,
            "abandoned: " + f.definition().file() + " now defines version " + defined));
        warnings.add("projection " + name + ": the build of version " + version + " was abandoned, its file now defines version " + defined);
        continue;
      }
      building = true;
      boolean started = state == VersionState.CATCHING_UP
          && (hasCheckpoint.test(version) || v.getValue().savepoint().isPresent() || !v.getValue().startOffsets().isEmpty());
      steps.add(started ? new CatchUp(version) : new Build(version, false));
    }
    if (current.live().isEmpty() && !building) {
      // Every earlier attempt failed: build the file's version.
      current = current.with(defined, VersionEntry.building(f.text(), now));
      steps.add(new Build(defined, false));
    } else if (current.live().isPresent() && defined > current.live().getAsInt() && !building) {
      warnings.add("projection " + name + ": " + f.definition().file() + " defines version " + defined + ", version "
          + current.live().getAsInt() + " is live: run bin/strata projections rebuild " + name);
    }
    return new Decision(steps, current, warnings);
  }
}
