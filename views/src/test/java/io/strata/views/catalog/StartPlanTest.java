package io.strata.views.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.views.definition.DefinitionException;
import io.strata.views.definition.ProjectionFile;
import io.strata.views.definition.ProjectionFiles;
import io.strata.views.fold.FoldRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StartPlanTest {
  private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");
  private static final String V1 = "name: orders\nversion: 1\nkey: entity\nfold: latest-state\n";
  private static final String V2 = "name: orders\nversion: 2\nkey: entity\nfold: timeline\nparameters: {limit: 5}\n";

  private static Optional<ProjectionFile> file(String text) {
    return Optional.of(new ProjectionFile(ProjectionFiles.parse("projections/orders.yaml", text, FoldRegistry.standard()), text));
  }

  private static StartPlan.Decision decide(Optional<ProjectionFile> file, CatalogEntry entry, boolean checkpoints) {
    return StartPlan.decide("orders", file, Optional.ofNullable(entry), v -> checkpoints, "projections", T);
  }

  /** Version 1 live, with a history build behind it (its job starts from the savepoint without a checkpoint). */
  private static CatalogEntry live1() {
    return CatalogEntry.empty()
        .with(1, VersionEntry.building(V1, T).withHistory(Optional.of(5L), Map.of(0, 10L), 10).withSavepoint("s3a://sp"))
        .switchLive(1, T);
  }

  @Test
  void aNewProjectionIsBuiltAndHasNoLiveVersionUntilThen() {
    StartPlan.Decision d = decide(file(V1), null, false);
    assertThat(d.steps()).containsExactly(new StartPlan.Build(1, false));
    assertThat(d.entry().live()).isEmpty();
    assertThat(d.entry().versions().get(1).state()).isEqualTo(VersionState.BUILDING);
    assertThat(d.entry().versions().get(1).definition()).hasValue(V1);
  }

  @Test
  void aLiveVersionRunsFromItsCheckpointOrWhereItsBuildLeftIt() {
    assertThat(decide(file(V1), live1(), true).steps()).containsExactly(new StartPlan.RunLive(1));
    assertThat(decide(file(V1), live1(), false).steps()).as("the savepoint").containsExactly(new StartPlan.RunLive(1));
    // The same definition laid out and described differently is the same version.
    assertThat(decide(file("# orders\nname: orders\ndescription: changed words\nversion: 1\nfold: latest-state\nkey: entity\n"), live1(), true)
        .steps()).containsExactly(new StartPlan.RunLive(1));
  }

  @Test
  void aLiveVersionFromTheFirstCatalogKeepsTheFilesDefinitionAndIsBuiltInPlaceWithoutACheckpoint() {
    CatalogEntry legacy = ProjectionCatalog.parse("orders", "{\"live\":1,\"versions\":{\"1\":\"live\"}}");
    StartPlan.Decision d = decide(file(V1), legacy, false);
    assertThat(d.steps()).containsExactly(new StartPlan.Build(1, true));
    assertThat(d.entry().versions().get(1).definition()).hasValue(V1);
    assertThat(decide(file(V1), legacy, true).steps()).containsExactly(new StartPlan.RunLive(1));
    assertThatThrownBy(() -> decide(file(V2), legacy, true))
        .isInstanceOf(DefinitionException.class)
        .hasMessageStartingWith("projections/orders.yaml: version: is 2, but the live version 1 was registered before the catalog kept definitions");
  }

  @Test
  void aChangedDefinitionUnderTheLiveVersionStopsStartUp() {
    assertThatThrownBy(() -> decide(file(V1.replace("latest-state", "timeline")), live1(), true))
        .isInstanceOf(DefinitionException.class)
        .hasMessage("projections/orders.yaml: version: is still 1, the live version, but the definition changed: give the changed"
            + " definition version 2, then run: bin/strata projections rebuild orders");
    assertThatThrownBy(() -> decide(file(V1), live1().with(2, VersionEntry.building(V2, T)).switchLive(2, T), true))
        .hasMessage("projections/orders.yaml: version: is 1 but version 2 of projection 'orders' is live: a file may only move to newer versions");
  }

  @Test
  void aNewerFileVersionWaitsForARebuild() {
    StartPlan.Decision d = decide(file(V2), live1(), true);
    assertThat(d.steps()).containsExactly(new StartPlan.RunLive(1));
    assertThat(d.warnings()).containsExactly(
        "projection orders: projections/orders.yaml defines version 2, version 1 is live: run bin/strata projections rebuild orders");
  }

  @Test
  void anInterruptedBuildStartsOverAndOneCatchingUpGoesOn() {
    CatalogEntry building = live1().with(2, VersionEntry.building(V2, T).withHistory(Optional.of(9L), Map.of(0, 20L), 20));
    assertThat(decide(file(V2), building, true).steps()).containsExactly(new StartPlan.RunLive(1), new StartPlan.Build(2, false));

    CatalogEntry catching = live1().with(2, VersionEntry.building(V2, T).withHistory(Optional.of(9L), Map.of(0, 20L), 20)
        .withSavepoint("s3a://sp2").withState(VersionState.CATCHING_UP, T, ""));
    assertThat(decide(file(V2), catching, false).steps()).containsExactly(new StartPlan.RunLive(1), new StartPlan.CatchUp(2));
  }

  @Test
  void aBuildWhoseFileMovedOnIsAbandoned() {
    String v3 = V2.replace("version: 2", "version: 3");
    StartPlan.Decision d = decide(file(v3), live1().with(2, VersionEntry.building(V2, T)), true);
    assertThat(d.steps()).containsExactly(new StartPlan.RunLive(1));
    assertThat(d.entry().versions().get(2).state()).isEqualTo(VersionState.FAILED);
    assertThat(d.entry().versions().get(2).note()).isEqualTo("abandoned: projections/orders.yaml now defines version 3");
  }

  @Test
  void aReplacedVersionIsRetiredAndAFailedFirstVersionBuiltAgain() {
    CatalogEntry switched = live1().with(2, VersionEntry.building(V2, T)).switchLive(2, T);
    assertThat(decide(file(V2), switched, true).steps()).containsExactly(new StartPlan.Retire(1), new StartPlan.RunLive(2));

    CatalogEntry failed = CatalogEntry.empty().with(1, VersionEntry.building(V1, T).withState(VersionState.FAILED, T, "boom"));
    StartPlan.Decision d = decide(file(V1), failed, false);
    assertThat(d.steps()).containsExactly(new StartPlan.Build(1, false));
    assertThat(d.entry().versions().get(1).state()).isEqualTo(VersionState.BUILDING);
  }

  @Test
  void aProjectionWithoutItsFileIsLeftAsItIs() {
    StartPlan.Decision d = decide(Optional.empty(), live1(), true);
    assertThat(d.steps()).isEmpty();
    assertThat(d.warnings()).containsExactly(
        "projection orders has no file in projections any more: its views are served as they are, no longer updated");
  }
}
