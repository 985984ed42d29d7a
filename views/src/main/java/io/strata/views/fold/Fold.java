package io.strata.views.fold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.event.EventEnvelope;
import java.io.Serializable;

/**
 * How a projection folds events into a view: one JSON document per view key. The projection job keeps
 * the document in keyed state, applies each event in hot-log order, and writes the whole document (an
 * absolute value, never an increment) to the view store. Implementations hold only their parameters:
 * they are shipped to the job's tasks.
 */
public interface Fold extends Serializable {
  /**
   * The view after one more event.
   *
   * @param view the view so far, null for the key's first event; never modified
   * @param event the event
   * @param payload the event's payload, parsed
   * @return a new document
   */
  ObjectNode apply(ObjectNode view, EventEnvelope event, JsonNode payload);

  /** The document a lookup returns; {@code limit} trims folds that keep a list (null: all of it). */
  default JsonNode render(ObjectNode view, Integer limit) {
    return view;
  }

  /**
   * Whether {@link #render} returns the stored view unchanged for this limit: the lookup API then sends
   * the stored bytes as they are, without parsing them. A fold that overrides {@code render} keeps the
   * default (false) unless it says when its render changes nothing.
   */
  default boolean rendersStoredView(Integer limit) {
    return false;
  }

  /** Whether lookups may pass {@code ?limit=}. */
  default boolean takesLimit() {
    return false;
  }
}
