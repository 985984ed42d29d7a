package io.strata.views.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The key-value store that serves views: Redis ({@link RedisViewStore}) or an embedded one that needs no
 * server ({@link EmbeddedViewStore}, the default of {@code strata up}). Writes are conditional: a view is
 * replaced only by a higher revision, so writers may repeat themselves (after a restore from a
 * checkpoint, a replay) without moving a view backwards or counting twice. Thread-safe.
 */
public interface ViewStore extends AutoCloseable {
  /** Applies each write whose revision is higher than the stored view's (or where there is none); returns how many. */
  int putIfNewer(List<ViewWrite> writes);

  /** The view at an address, unless it is absent or expired. */
  Optional<StoredView> get(ViewAddress address);

  /**
   * The same without making the caller wait: a remote store answers when its round trip is done (the
   * lookup API writes the response then, on whatever thread that is); a local one answers at once.
   */
  default CompletableFuture<Optional<StoredView>> getAsync(ViewAddress address) {
    try {
      return CompletableFuture.completedFuture(get(address));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Removes every view of one projection version; returns how many. */
  long deleteVersion(String projection, int version);

  /** A small value of the store's own (the projection catalog, the jobs' progress), by name. */
  Optional<String> getMeta(String name);

  void putMeta(String name, String value);

  /** What kind of store, for messages and metrics. */
  String describe();

  @Override
  void close();
}
