package io.strata.views.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.views.definition.ProjectionDefinition;
import io.strata.views.fold.FoldRegistry;
import io.strata.views.store.EmbeddedViewStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectionCatalogTest {
  private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");
  private static final String V1 = "name: orders\nversion: 1\nkey: entity\nfold: latest-state\n";
  private static final String V2 = "name: orders\nversion: 2\nkey: entity\nfold: timeline\nparameters: {limit: 5}\n";

  @TempDir Path dir;

  @Test
  void anEntryReadsBackAsItWasWritten() {
    try (EmbeddedViewStore store = EmbeddedViewStore.open(dir)) {
      ProjectionCatalog catalog = new ProjectionCatalog(store);
      assertThat(catalog.entry("orders")).isEmpty();
      CatalogEntry entry = CatalogEntry.empty()
          .with(1, VersionEntry.building(V1, T).withHistory(Optional.of(42L), Map.of(0, 10L, 1, 7L), 17).withSavepoint("s3a://b/sp"))
          .switchLive(1, T.plusSeconds(5))
          .with(2, VersionEntry.building(V2, T.plusSeconds(9)).withState(VersionState.FAILED, T.plusSeconds(10), "no snapshot"));
      catalog.put("orders", entry);

      CatalogEntry read = catalog.entry("orders").orElseThrow();
      assertThat(read).isEqualTo(entry);
      assertThat(catalog.live("orders")).hasValue(1);
      assertThat(read.versions().get(1).state()).isEqualTo(VersionState.LIVE);
      assertThat(read.versions().get(1).startOffsets()).containsExactly(Map.entry(0, 10L), Map.entry(1, 7L));
      assertThat(read.versions().get(2).note()).isEqualTo("no snapshot");
    }
  }

  @Test
  void theFirstCatalogsEntriesReadAsVersionsWithoutADefinition() {
    CatalogEntry legacy = ProjectionCatalog.parse("orders", "{\"live\":1,\"versions\":{\"1\":\"live\"}}");
    assertThat(legacy.live()).hasValue(1);
    assertThat(legacy.versions().get(1).state()).isEqualTo(VersionState.LIVE);
    assertThat(legacy.versions().get(1).definition()).isEmpty();
  }

  @Test
  void switchingMakesTheNewVersionLiveAndRetiresTheOldInOneEntry() {
    CatalogEntry entry = CatalogEntry.empty().with(1, VersionEntry.building(V1, T)).switchLive(1, T)
        .with(2, VersionEntry.building(V2, T).withState(VersionState.CATCHING_UP, T, ""));
    CatalogEntry switched = entry.switchLive(2, T.plusSeconds(1));
    assertThat(switched.live()).hasValue(2);
    assertThat(switched.versions().get(2).state()).isEqualTo(VersionState.LIVE);
    assertThat(switched.versions().get(1).state()).isEqualTo(VersionState.RETIRING);
    assertThat(switched.versions().get(1).note()).isEqualTo("replaced by version 2");
    assertThat(switched.folding()).containsOnlyKeys(2);
    assertThatThrownBy(() -> entry.switchLive(3, T)).hasMessage("no version 3");
  }

  @Test
  void lookupsReadTheLiveVersionAndItsDefinitionAgainOnceTheirCopyIsOlderThanItsMaxAge() {
    try (EmbeddedViewStore store = EmbeddedViewStore.open(dir)) {
      ProjectionCatalog catalog = new ProjectionCatalog(store);
      AtomicLong now = new AtomicLong(10_000);
      LiveProjections live = new LiveProjections(catalog, FoldRegistry.standard(), Map.of(), 1_000, now::get);
      assertThat(live.live("orders")).isEmpty();
      assertThat(live.known("orders")).isFalse();

      CatalogEntry v1 = CatalogEntry.empty().with(1, VersionEntry.building(V1, T)).switchLive(1, T);
      catalog.put("orders", v1);
      now.addAndGet(999);
      assertThat(live.live("orders")).as("still the copy read at 10,000").isEmpty();
      now.addAndGet(1);
      assertThat(live.live("orders").orElseThrow().version()).isEqualTo(1);
      assertThat(live.live("orders").orElseThrow().definition().foldName()).isEqualTo("latest-state");

      catalog.put("orders", v1.with(2, VersionEntry.building(V2, T)).switchLive(2, T));
      now.addAndGet(1_000);
      ProjectionDefinition two = live.live("orders").orElseThrow().definition();
      assertThat(two.version()).isEqualTo(2);
      assertThat(two.foldName()).isEqualTo("timeline");
    }
  }
}
