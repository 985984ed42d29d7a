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
 */
public final class DeduplicateFunction extends KeyedProcessFunction<String, EventEnvelope, EventEnvelope> {
  private final Duration ttl;
  private final Clock clock;
  private transient MapState<String, Boolean> seen;
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
    MapStateDescriptor<String, Boolean> descriptor =
        new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.BOOLEAN);
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
    duplicates = getRuntimeContext().getMetricGroup().counter("strataDuplicatesDropped");
    ingested = getRuntimeContext().getMetricGroup().counter("strataEventsIngested");
  }

  @Override
  public void processElement(EventEnvelope event, Context ctx, Collector<EventEnvelope> out)
      throws Exception {
    if (seen.contains(event.eventId())) {
      duplicates.inc();
      return;
    }
    seen.put(event.eventId(), Boolean.TRUE);
    ingested.inc();
    out.collect(event.withIngestTime(clock.instant()));
  }
}
