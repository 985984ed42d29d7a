package io.strata.views.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedViewStoreTest extends ViewStoreContract {
  @TempDir Path dir;
  private EmbeddedViewStore store;

  @Override
  ViewStore store() {
    if (store == null) {
      store = EmbeddedViewStore.open(dir.resolve("views"));
    }
    return store;
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void oneFolderIsOneStoreInTheProcessUntilItsLastUserCloses() {
    ViewStore first = store();
    EmbeddedViewStore second = EmbeddedViewStore.open(dir.resolve("views/../views"));
    assertThat(second).isSameAs(first);
    ViewAddress at = new ViewAddress(projection, 1, "acme", "k");
    first.putIfNewer(List.of(write(at, 1, "{}")));
    second.close();
    assertThat(first.get(at)).isPresent();
  }

  @Test
  void viewsOutliveARestart() {
    ViewAddress at = new ViewAddress(projection, 1, "acme", "k");
    store().putIfNewer(List.of(write(at, 7, "{\"kept\":true}")));
    store.close();
    store = EmbeddedViewStore.open(dir.resolve("views"));
    assertThat(store.get(at).orElseThrow().revision()).isEqualTo(7);
  }

  @Test
  void sweepingRemovesExpiredViewsFromDisk() throws Exception {
    ViewAddress at = new ViewAddress(projection, 1, "acme", "k");
    store().putIfNewer(List.of(new ViewWrite(at, new StoredView(1, 1, 1, new byte[0]), 50)));
    store().putIfNewer(List.of(write(new ViewAddress(projection, 1, "acme", "long"), 1, "{}")));
    Thread.sleep(120);
    assertThat(store.sweepExpired()).isEqualTo(1);
  }
}
