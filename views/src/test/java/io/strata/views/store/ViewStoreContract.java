package io.strata.views.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every view store does, run against each ({@link EmbeddedViewStoreTest}, {@link RedisViewStoreIT}). */
abstract class ViewStoreContract {
  private static final long DAY = 86_400_000L;

  /** The store under test, fresh or shared; projections get unique names per test. */
  abstract ViewStore store();

  final String projection = "p-" + UUID.randomUUID().toString().substring(0, 8);

  static ViewWrite write(ViewAddress at, long revision, String json) {
    return new ViewWrite(at, new StoredView(revision, 1000 + revision, 500 + revision, json.getBytes(UTF_8)), DAY);
  }

  static String document(ViewStore store, ViewAddress at) {
    return store.get(at).map(v -> new String(v.document(), UTF_8)).orElse(null);
  }

  @Test
  void aViewIsReplacedOnlyByAHigherRevision() {
    ViewStore store = store();
    ViewAddress at = new ViewAddress(projection, 1, "acme", "order-1");
    assertThat(store.putIfNewer(List.of(write(at, 3, "{\"n\":3}")))).isEqualTo(1);
    assertThat(store.putIfNewer(List.of(write(at, 2, "{\"n\":2}"), write(at, 3, "{\"n\":33}")))).isZero();
    assertThat(document(store, at)).isEqualTo("{\"n\":3}");
    assertThat(store.putIfNewer(List.of(write(at, 4, "{\"n\":4}"), write(at, 9, "{\"n\":9}"), write(at, 5, "{\"n\":5}"))))
        .isEqualTo(2);
    StoredView view = store.get(at).orElseThrow();
    assertThat(view.revision()).isEqualTo(9);
    assertThat(view.updatedAtMillis()).isEqualTo(1009);
    assertThat(view.ingestTimeMillis()).isEqualTo(509);
    assertThat(new String(view.document(), UTF_8)).isEqualTo("{\"n\":9}");
  }

  @Test
  void readsWithoutWaitingAnswerEachAddressWithItsOwnView() throws Exception {
    ViewStore store = store();
    List<ViewWrite> writes = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      writes.add(write(new ViewAddress(projection, 1, "t" + (i % 3), "k" + i), i + 1, "{\"i\":" + i + "}"));
    }
    store.putIfNewer(writes);
    // From many threads at once, as the lookup API asks: present, absent, and each answer its own.
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < 700; i++) {
        int n = i;
        answers.add(threads.submit(() -> store.getAsync(new ViewAddress(projection, 1, "t" + (n % 3), "k" + n))
            .get(10, java.util.concurrent.TimeUnit.SECONDS)
            .map(v -> v.revision() + " " + new String(v.document(), UTF_8)).orElse("absent")));
      }
      for (int i = 0; i < 700; i++) {
        assertThat(answers.get(i).get()).as("k" + i).isEqualTo(i < 600 ? (i + 1) + " {\"i\":" + i + "}" : "absent");
      }
    } finally {
      threads.shutdown();
    }
  }

  @Test
  void anAbsentViewIsEmpty() {
    assertThat(store().get(new ViewAddress(projection, 1, "acme", "nobody"))).isEmpty();
  }

  @Test
  void separatorsInTenantsAndKeysNeverReachAnotherView() {
    ViewStore store = store();
    // Pairs that would share a store key if the parts were only joined with ':'.
    ViewAddress a = new ViewAddress(projection, 1, "a", "b:c");
    ViewAddress b = new ViewAddress(projection, 1, "a:b", "c");
    ViewAddress c = new ViewAddress(projection, 1, "a%3Ab", "c");
    ViewAddress d = new ViewAddress(projection, 1, "a", "../b/c");
    store.putIfNewer(List.of(write(a, 1, "\"a\""), write(b, 1, "\"b\""), write(c, 1, "\"c\""), write(d, 1, "\"d\"")));
    assertThat(document(store, a)).isEqualTo("\"a\"");
    assertThat(document(store, b)).isEqualTo("\"b\"");
    assertThat(document(store, c)).isEqualTo("\"c\"");
    assertThat(document(store, d)).isEqualTo("\"d\"");
    assertThat(store.get(new ViewAddress(projection, 1, "a", "b"))).isEmpty();
  }

  @Test
  void anExpiredViewIsGone() throws Exception {
    ViewStore store = store();
    ViewAddress at = new ViewAddress(projection, 1, "acme", "short-lived");
    store.putIfNewer(List.of(new ViewWrite(at, new StoredView(1, 1, 1, "{}".getBytes(UTF_8)), 100)));
    assertThat(store.get(at)).isPresent();
    Thread.sleep(250);
    assertThat(store.get(at)).isEmpty();
    // Expired, it no longer blocks a write of any revision.
    assertThat(store.putIfNewer(List.of(write(at, 1, "{\"again\":true}")))).isEqualTo(1);
  }

  @Test
  void deletingAVersionLeavesTheOthers() {
    ViewStore store = store();
    List<ViewWrite> writes = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      writes.add(write(new ViewAddress(projection, 1, "acme", "k" + i), 1, "1"));
      writes.add(write(new ViewAddress(projection, 2, "acme", "k" + i), 1, "2"));
    }
    writes.add(write(new ViewAddress(projection + "x", 1, "acme", "k0"), 1, "other projection"));
    store.putIfNewer(writes);
    assertThat(store.deleteVersion(projection, 1)).isEqualTo(500);
    assertThat(store.get(new ViewAddress(projection, 1, "acme", "k7"))).isEmpty();
    assertThat(document(store, new ViewAddress(projection, 2, "acme", "k7"))).isEqualTo("2");
    assertThat(document(store, new ViewAddress(projection + "x", 1, "acme", "k0"))).isEqualTo("other projection");
    store.deleteVersion(projection, 2);
    store.deleteVersion(projection + "x", 1);
  }

  @Test
  void metaValuesAreKeptByName() {
    ViewStore store = store();
    assertThat(store.getMeta("catalog:" + projection)).isEmpty();
    store.putMeta("catalog:" + projection, "{\"live\":2}");
    assertThat(store.getMeta("catalog:" + projection)).hasValue("{\"live\":2}");
  }

  @Test
  void concurrentWritersLeaveTheHighestRevision() throws Exception {
    ViewStore store = store();
    ViewAddress at = new ViewAddress(projection, 1, "acme", "contended");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        done.add(pool.submit(() -> {
          for (int r = 1 + offset; r <= 400; r += 4) {
            store.putIfNewer(List.of(write(at, r, "{\"r\":" + r + "}")));
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.get(at).orElseThrow().revision()).isEqualTo(400);
    store.deleteVersion(projection, 1);
  }
}
