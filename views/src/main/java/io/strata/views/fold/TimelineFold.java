package io.strata.views.fold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.event.EventEnvelope;
import java.io.Serial;
import java.util.Set;

/**
 * {@code timeline}: a key's last {@code limit} events (parameter, default 20, at most 1000), newest
 * first, each with its id, type, event time and payload; {@code total} counts every event folded.
 */
public final class TimelineFold implements Fold {
  @Serial private static final long serialVersionUID = 1L;
  public static final String NAME = "timeline";
  public static final int MAX_LIMIT = 1000;

  private final int limit;

  public TimelineFold(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    this.limit = limit;
  }

  public int limit() {
    return limit;
  }

  @Override
  public ObjectNode apply(ObjectNode view, EventEnvelope event, JsonNode payload) {
    ArrayNode events = JsonNodeFactory.instance.arrayNode();
    ObjectNode newest = events.addObject();
    newest.put("event_id", event.eventId());
    newest.put("event_type", event.eventType());
    newest.put("event_time", event.eventTime().toString());
    newest.set("payload", payload);
    if (view != null) {
      JsonNode older = view.get("events");
      for (int i = 0; i < older.size() && events.size() < limit; i++) {
        events.add(older.get(i));
      }
    }
    ObjectNode next = JsonNodeFactory.instance.objectNode();
    next.set("events", events);
    next.put("total", view == null ? 1 : view.get("total").asLong() + 1);
    return next;
  }

  @Override
  public JsonNode render(ObjectNode view, Integer requested) {
    if (requested == null || requested >= view.get("events").size()) {
      return view;
    }
    ObjectNode trimmed = view.deepCopy();
    ArrayNode events = (ArrayNode) trimmed.get("events");
    while (events.size() > requested) {
      events.remove(events.size() - 1);
    }
    return trimmed;
  }

  /** Without a limit the stored view is the view: lookups send it as it is. */
  @Override
  public boolean rendersStoredView(Integer limit) {
    return limit == null;
  }

  @Override
  public boolean takesLimit() {
    return true;
  }

  /** Parameter {@code limit}. */
  public static FoldFactory factory() {
    return new FoldFactory() {
      @Override
      public String name() {
        return NAME;
      }

      @Override
      public Fold create(FoldParameters parameters) {
        parameters.rejectUnknown(Set.of("limit"));
        return new TimelineFold(parameters.integer("limit", 20, 1, MAX_LIMIT));
      }
    };
  }
}
