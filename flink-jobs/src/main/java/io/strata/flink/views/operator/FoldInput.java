package io.strata.flink.views.operator;

import io.strata.event.EventEnvelope;
import java.io.Serial;
import java.io.Serializable;

/**
 * An event on its way to one view of the job's projection: the tenant, the view key, and where the event
 * sits in the hot log (for history read from the lake: its {@code log_partition} and {@code log_offset}).
 */
public record FoldInput(String tenant, String key, EventEnvelope event, int partition, long offset) implements Serializable {
  @Serial private static final long serialVersionUID = 2L;

  /**
   * The keyed state's key: one view. The history job that bootstraps a version's state and the
   * version's streaming job must key alike, or the restored state lands in the wrong key groups.
   */
  public static String stateKey(FoldInput input) {
    return input.tenant + "\u0000" + input.key;
  }

  /** Hot-log order: partition, then offset. Within a view's key, the order its events are folded in. */
  public static int compareLogPosition(FoldInput a, FoldInput b) {
    int byPartition = Integer.compare(a.partition, b.partition);
    return byPartition != 0 ? byPartition : Long.compare(a.offset, b.offset);
  }
}
