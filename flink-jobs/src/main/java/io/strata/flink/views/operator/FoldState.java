package io.strata.flink.views.operator;

import io.strata.views.definition.ProjectionDefinition;
import java.time.Duration;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The keyed state of a view, as the streaming fold keeps it and as a version's history build writes it
 * into a savepoint: both must declare it alike (names, types, time-to-live), or the streaming job cannot
 * restore what the history build wrote.
 */
public final class FoldState {
  /** The fold operator's uid: the savepoint of a history build names its state by it. */
  public static final String FOLD_UID = "views-fold";
  /**
   * Key groups of the views jobs: a history build writes its savepoint with as many, and a streaming job
   * restores it only with the same number. Also the highest parallelism a views job may have.
   */
  public static final int MAX_PARALLELISM = 128;

  private FoldState() {}

  /** The view document (JSON), the whole fold state of a key. */
  public static ValueStateDescriptor<String> document(ProjectionDefinition p) {
    ValueStateDescriptor<String> d = new ValueStateDescriptor<>("view-document", Types.STRING);
    d.enableTimeToLive(ttl(p));
    return d;
  }

  /** How many events the view holds: the revision its next write carries. */
  public static ValueStateDescriptor<Long> revision(ProjectionDefinition p) {
    ValueStateDescriptor<Long> d = new ValueStateDescriptor<>("view-revision", Types.LONG);
    d.enableTimeToLive(ttl(p));
    return d;
  }

  // The projection's TTL plus an hour: a view's state outlives its copy in the store, so an event after
  // the store forgot a view restarts it from nothing rather than at a revision the store would still refuse.
  private static StateTtlConfig ttl(ProjectionDefinition p) {
    Duration keep = p.ttl().plusHours(1);
    return StateTtlConfig.newBuilder(keep)
        .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
        .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
        .cleanupInRocksdbCompactFilter(1000, keep)
        .build();
  }
}
