package io.strata.views.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.views.store.EmbeddedViewStore;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectionCatalogTest {
  @TempDir Path dir;

  @Test
  void theFirstVersionRegisteredStaysLive() {
    try (EmbeddedViewStore store = EmbeddedViewStore.open(dir)) {
      ProjectionCatalog catalog = new ProjectionCatalog(store);
      assertThat(catalog.live("orders")).isEmpty();
      assertThat(catalog.registerIfAbsent("orders", 1)).isTrue();
      assertThat(catalog.registerIfAbsent("orders", 2)).isFalse();
      assertThat(catalog.live("orders")).hasValue(1);
      assertThat(catalog.entry("orders").orElseThrow().path("versions").path("1").asText()).isEqualTo("live");
    }
  }

  @Test
  void liveVersionsAreReadAgainOnceTheirCopyIsOlderThanItsMaxAge() {
    try (EmbeddedViewStore store = EmbeddedViewStore.open(dir)) {
      ProjectionCatalog catalog = new ProjectionCatalog(store);
      AtomicLong now = new AtomicLong(10_000);
      ProjectionCatalog.LiveVersions live = catalog.liveVersions(1_000, now::get);
      assertThat(live.of("orders")).isEqualTo(OptionalInt.empty());

      catalog.registerIfAbsent("orders", 3);
      now.addAndGet(999);
      assertThat(live.of("orders")).as("still the copy read at 10,000").isEmpty();
      now.addAndGet(1);
      assertThat(live.of("orders")).hasValue(3);
    }
  }
}
