package io.strata.views.fold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.event.EventEnvelope;
import java.io.Serial;
import java.util.Set;

/**
 * {@code latest-state}: the payload fields of a key's events merged in hot-log order, the later
 * value of a field winning (a JSON null included), plus the newest event's id, type and time and the
 * number of events folded.
 */
public final class LatestStateFold implements Fold {
  /** The stored view is the view: lookups send it as it is. */
  @Override
  public boolean rendersStoredView(Integer limit) {
    return limit == null;
  }

  @Serial private static final long serialVersionUID = 1L;
  public static final String NAME = "latest-state";

  @Override
  public ObjectNode apply(ObjectNode view, EventEnvelope event, JsonNode payload) {
    ObjectNode next = JsonNodeFactory.instance.objectNode();
    ObjectNode state = view == null ? JsonNodeFactory.instance.objectNode() : ((ObjectNode) view.get("state")).deepCopy();
    payload.fields().forEachRemaining(field -> state.set(field.getKey(), field.getValue()));
    next.set("state", state);
    next.put("events", view == null ? 1 : view.get("events").asLong() + 1);
    next.put("last_event_id", event.eventId());
    next.put("last_event_type", event.eventType());
    next.put("last_event_time", event.eventTime().toString());
    return next;
  }

  /** No parameters. */
  public static FoldFactory factory() {
    return new FoldFactory() {
      @Override
      public String name() {
        return NAME;
      }

      @Override
      public Fold create(FoldParameters parameters) {
        parameters.rejectUnknown(Set.of());
        return new LatestStateFold();
      }
    };
  }
}
