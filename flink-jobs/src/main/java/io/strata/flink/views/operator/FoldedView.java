package io.strata.flink.views.operator;

import java.io.Serial;
import java.io.Serializable;

/**
 * A view as a history build leaves it: the state its streaming job starts from, and what the store gets.
 *
 * @param stateKey the key of the view's keyed state ({@link FoldInput#stateKey})
 * @param tenant the view's tenant
 * @param key the view's key
 * @param document the view, JSON
 * @param revision how many events it holds
 * @param newestIngestMillis the ingest time of the last event folded in
 * @param closesAtMillis for a counter, when its minute closes (its state's timer); otherwise -1
 */
public record FoldedView(
    String stateKey, String tenant, String key, String document, long revision, long newestIngestMillis, long closesAtMillis)
    implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  public static String stateKeyOf(FoldedView view) {
    return view.stateKey;
  }
}
