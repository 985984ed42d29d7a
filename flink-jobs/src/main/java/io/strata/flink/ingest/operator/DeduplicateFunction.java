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
 * <p>The map holds a 128-bit digest of each id ({@link EventIdHash}): its first half as the key, its
 * second half as the value. Two ids of one entity with the same first half (chance about 2^-64 per
 * pair) would make the newer replace the older, so a later resend of the older one would pass as new;
 * an event is only dropped when all 128 bits match.
 */
public final class DeduplicateFunction extends KeyedProcessFunction<String, EventEnvelope, EventEnvelope> {
  private final Duration ttl;
  private final Clock clock;
  private transient MapState<Long, Long> seen;
  private transient EventIdHash hash;
  private transient Counter duplicates;
  private transient Counter ingested;

  public DeduplicateFunction(Duration ttl, Clock clock) {
    this.ttl = requireNonNull(ttl, "ttl is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public static String entityKey(EventEnvelope envelope) {
    return envelope.tenantId() + "\u0000" + envelope.entityId();
  }

  @Override
  public void open(OpenContext openContext) {
    MapStateDescriptor<Long, Long> descriptor =
        new MapStateDescriptor<>("seen-event-id-digests", Types.LONG, Types.LONG);
    descriptor.enableTimeToLive(
        StateTtlConfig.newBuilder(ttl)
            .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
            .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
            // Not the default incremental cleanup: on the heap backend it copies a whole entity's map of
            // ids on every access, which took ~40% of the ingest CPU in a profile (BENCHMARKS.md).
            // Expired ids are hidden on read and dropped from every checkpoint instead.
            .disableCleanupInBackground()
            .cleanupFullSnapshot()
            .build());
    seen = getRuntimeContext().getMapState(descriptor);
    hash = new EventIdHash();
    duplicates = getRuntimeContext().getMetricGroup().counter("strataDuplicatesDropped");
    ingested = getRuntimeContext().getMetricGroup().counter("strataEventsIngested");
  }

  @Override
  public void processElement(EventEnvelope event, Context ctx, Collector<EventEnvelope> out)
      throws Exception {
    long[] digest = hash.of(event.eventId());
    Long second = seen.get(digest[0]);
    if (second != null && second == digest[1]) {
      duplicates.inc();
      return;
    }
    seen.put(digest[0], digest[1]);
    ingested.inc();
    out.collect(event.withIngestTime(clock.instant()));
  }
}
