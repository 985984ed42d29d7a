package io.strata.flink.ingest.operator;

import static java.util.Objects.requireNonNull;

import io.strata.event.EventEnvelope;
import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Drops events whose {@code event_id} was already seen for the same tenant, and stamps
 * {@code ingest_time} on the first copy.
 *
 * <p>Keyed by tenant and entity (not by event id) so that all events of one entity pass through one
 * subtask in arrival order; the seen ids of the entity live in a map with a time-to-live. A producer
 * retry resends the same envelope, so it carries the same entity.
 *
 * <p>The set holds a 128-bit digest of each id ({@link EventIdHash}), all 128 bits as the key, so ids
 * whose digests share a prefix are told apart; two distinct ids of one entity share the whole digest
 * with a chance near 2^-128 per pair. The state lives in RocksDB ({@code RocksDbState}): one
 * point lookup per event, answered by the bloom filter for a new id, and one insert.
 *
 * <p>An id is remembered for the time-to-live from its first copy; a resend does not extend it.
 * Expired ids are never returned and are dropped by RocksDB's compaction filter, with a periodic
 * compaction at least once per time-to-live, so the disk holds about one window of ids. A copy that
 * arrives after the window passes as a new event.
 */
public final class DeduplicateFunction extends KeyedProcessFunction<String, EventEnvelope, EventEnvelope> {
  /** The state's name, also the RocksDB column family its metrics are reported under. */
  public static final String STATE_NAME = "seen-event-ids";

  private final Duration ttl;
  private final Clock clock;
  private transient MapState<Tuple2<Long, Long>, Boolean> seen;
  private final EventIdDigest hash;
  private transient Counter duplicates;
  private transient Counter ingested;

  public DeduplicateFunction(Duration ttl, Clock clock) {
    this(ttl, clock, new EventIdHash());
  }

  /** With another digest: tests hand in one whose digests collide where they choose. */
  DeduplicateFunction(Duration ttl, Clock clock, EventIdDigest hash) {
    this.ttl = requireNonNull(ttl, "ttl is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.hash = requireNonNull(hash, "hash is null");
  }

  public static String entityKey(EventEnvelope envelope) {
    return envelope.tenantId() + "\u0000" + envelope.entityId();
  }

  @Override
  public void open(OpenContext openContext) {
    MapStateDescriptor<Tuple2<Long, Long>, Boolean> descriptor =
        new MapStateDescriptor<>(STATE_NAME, Types.TUPLE(Types.LONG, Types.LONG), Types.BOOLEAN);
    descriptor.enableTimeToLive(
        StateTtlConfig.newBuilder(ttl)
            .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
            .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
            // Not the defaults: on the heap backend (tests) incremental cleanup copies a whole entity's
            // map of ids on every access (~40% of the ingest CPU in a profile, BENCHMARKS.md).
            .disableCleanupInBackground()
            // RocksDB drops expired ids while compacting; the periodic compaction makes sure that files
            // no write reaches again are still rewritten within one time-to-live.
            .cleanupInRocksdbCompactFilter(1000, ttl)
            .cleanupFullSnapshot()
            .build());
    seen = getRuntimeContext().getMapState(descriptor);
    duplicates = getRuntimeContext().getMetricGroup().counter("strataDuplicatesDropped");
    ingested = getRuntimeContext().getMetricGroup().counter("strataEventsIngested");
  }

  @Override
  public void processElement(EventEnvelope event, Context ctx, Collector<EventEnvelope> out)
      throws Exception {
    long[] digest = hash.of(event.eventId());
    Tuple2<Long, Long> id = Tuple2.of(digest[0], digest[1]);
    if (seen.contains(id)) {
      duplicates.inc();
      return;
    }
    seen.put(id, Boolean.TRUE);
    ingested.inc();
    out.collect(event.withIngestTime(clock.instant()));
  }
}
