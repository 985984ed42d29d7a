package io.strata.flink.views.sink;

import static java.util.Objects.requireNonNull;

import io.strata.views.metrics.ViewMetrics;
import io.strata.views.store.ViewAddress;
import io.strata.views.store.ViewStore;
import io.strata.views.store.ViewStores;
import io.strata.views.store.ViewWrite;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;

/**
 * Writes views to the view store in batches: at most {@code flushEveryMillis} after a view changed, at
 * {@code maxBatch} views, and at every checkpoint (so a checkpoint only completes once its views are
 * written). Within a batch only a view's newest revision goes out. The writes are conditional on the
 * revision, so the at-least-once delivery of a restart changes nothing twice.
 *
 * <p>A streaming job's sink records each write's freshness ({@link ViewMetrics}) and, once a second, the
 * version's progress in the store ({@code progress:<projection>:v<version>}); a history build's does
 * neither (its events are old by design).
 */
public final class ViewStoreSink implements Sink<ViewWrite> {
  private final String store;
  private final long flushEveryMillis;
  private final int maxBatch;
  private final boolean live;

  /** The sink of a streaming job: freshness and progress recorded. */
  public ViewStoreSink(String store, long flushEveryMillis, int maxBatch) {
    this(store, flushEveryMillis, maxBatch, true);
  }

  public ViewStoreSink(String store, long flushEveryMillis, int maxBatch, boolean live) {
    this.store = ViewStores.check("view store", requireNonNull(store, "store is null"));
    if (flushEveryMillis < 1 || maxBatch < 1) {
      throw new IllegalArgumentException("flushEveryMillis and maxBatch must be positive");
    }
    this.flushEveryMillis = flushEveryMillis;
    this.maxBatch = maxBatch;
    this.live = live;
  }

  @Override
  public SinkWriter<ViewWrite> createWriter(WriterInitContext context) {
    return new Writer(ViewStores.open(store), context.getProcessingTimeService(),
        context.metricGroup().counter("strataViewWrites"), context.metricGroup().counter("strataViewWritesApplied"),
        flushEveryMillis, maxBatch, live);
  }

  private static final class Writer implements SinkWriter<ViewWrite> {
    private final ViewStore store;
    private final ProcessingTimeService time;
    private final Counter writes;
    private final Counter applied;
    private final long flushEveryMillis;
    private final int maxBatch;
    private final boolean live;
    private final Map<ViewAddress, ViewWrite> pending = new LinkedHashMap<>();
    private final Map<String, Long> newestIngest = new java.util.HashMap<>();
    private long progressWrittenAt;
    private boolean timerSet;

    Writer(ViewStore store, ProcessingTimeService time, Counter writes, Counter applied, long flushEveryMillis, int maxBatch,
        boolean live) {
      this.store = store;
      this.time = time;
      this.writes = writes;
      this.applied = applied;
      this.flushEveryMillis = flushEveryMillis;
      this.maxBatch = maxBatch;
      this.live = live;
    }

    @Override
    public void write(ViewWrite write, Context context) {
      // The fold emits revisions in order per view: the later write of a view replaces the earlier.
      pending.put(write.address(), write);
      if (pending.size() >= maxBatch) {
        flushPending();
      } else if (!timerSet) {
        timerSet = true;
        time.registerTimer(time.getCurrentProcessingTime() + flushEveryMillis, t -> {
          timerSet = false;
          flushPending();
        });
      }
    }

    @Override
    public void flush(boolean endOfInput) {
      flushPending();
    }

    private void flushPending() {
      if (pending.isEmpty()) {
        return;
      }
      var batch = new ArrayList<>(pending.values());
      pending.clear();
      applied.inc(store.putIfNewer(batch));
      writes.inc(batch.size());
      if (!live) {
        return;
      }
      long now = System.currentTimeMillis();
      for (ViewWrite w : batch) {
        newestIngest.merge(ViewMetrics.key(w.address().projection(), w.address().version()), w.view().ingestTimeMillis(), Math::max);
        ViewMetrics.written(w.address().projection(), w.address().version(), w.view().ingestTimeMillis(), now);
      }
      if (now - progressWrittenAt >= 1000) {
        // For GET /v1/projections: when each projection last changed, and how fresh its newest event was.
        progressWrittenAt = now;
        newestIngest.forEach((version, ingest) ->
            store.putMeta("progress:" + version,
                "{\"updated_at\":\"" + java.time.Instant.ofEpochMilli(now) + "\",\"newest_ingest_millis\":" + ingest + "}"));
      }
    }

    @Override
    public void close() throws IOException {
      try {
        flushPending();
      } finally {
        store.close();
      }
    }
  }
}
