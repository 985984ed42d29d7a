package io.strata.views.fold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.event.EventEnvelope;
import java.io.Serial;
import java.time.Duration;
import java.util.Set;

/**
 * {@code counter}: the number of events per key, with keys {@code event-type-minute} (per tenant,
 * event type and minute of event time). Counted in event time: a minute stays open until the
 * watermark passes its end plus {@code allowed-lateness} (parameter, default 1h); an event for a
 * minute already closed is not counted but counted as late ({@link #isLate}), and the minute's state is
 * dropped when it closes (its view stays in the store until its TTL).
 */
public final class CounterFold implements Fold {
  /** The stored view is the view: lookups send it as it is. */
  @Override
  public boolean rendersStoredView(Integer limit) {
    return limit == null;
  }

  @Serial private static final long serialVersionUID = 1L;
  public static final String NAME = "counter";
  private static final long MINUTE_MILLIS = 60_000;

  private final Duration allowedLateness;

  public CounterFold(Duration allowedLateness) {
    if (allowedLateness.isNegative()) {
      throw new IllegalArgumentException("allowed-lateness must not be negative");
    }
    this.allowedLateness = allowedLateness;
  }

  public Duration allowedLateness() {
    return allowedLateness;
  }

  @Override
  public ObjectNode apply(ObjectNode view, EventEnvelope event, JsonNode payload) {
    ObjectNode next = JsonNodeFactory.instance.objectNode();
    next.put("count", view == null ? 1 : view.get("count").asLong() + 1);
    return next;
  }

  /** When the minute of {@code eventTimeMillis} closes: its end plus the allowed lateness. */
  public long closesAtMillis(long eventTimeMillis) {
    return Math.floorDiv(eventTimeMillis, MINUTE_MILLIS) * MINUTE_MILLIS + MINUTE_MILLIS + allowedLateness.toMillis();
  }

  /** Whether an event comes after its minute closed, for a watermark at {@code watermarkMillis}. */
  public boolean isLate(long eventTimeMillis, long watermarkMillis) {
    return closesAtMillis(eventTimeMillis) <= watermarkMillis;
  }

  /** Parameter {@code allowed-lateness}. */
  public static FoldFactory factory() {
    return new FoldFactory() {
      @Override
      public String name() {
        return NAME;
      }

      @Override
      public Fold create(FoldParameters parameters) {
        parameters.rejectUnknown(Set.of("allowed-lateness"));
        return new CounterFold(parameters.duration("allowed-lateness", Duration.ofHours(1)));
      }
    };
  }
}
