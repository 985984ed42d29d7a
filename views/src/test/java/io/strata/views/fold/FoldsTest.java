package io.strata.views.fold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.event.EventEnvelope;
import io.strata.views.definition.KeySpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FoldsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static EventEnvelope event(String id, String type, String time, String payload) {
    return new EventEnvelope(id, type, 1, "acme", "order-1", Instant.parse(time), null, "test", "corr", null,
        "order-1", payload);
  }

  private static ObjectNode fold(Fold fold, EventEnvelope... events) throws Exception {
    ObjectNode view = null;
    for (EventEnvelope e : events) {
      ObjectNode before = view == null ? null : view.deepCopy();
      ObjectNode next = fold.apply(view, e, JSON.readTree(e.payload()));
      assertThat(view).as("the fold must not modify the view it is given").isEqualTo(before);
      view = next;
    }
    return view;
  }

  @Test
  void latestStateMergesPayloadFieldsInOrderTheLaterWinning() throws Exception {
    ObjectNode view =
        fold(new LatestStateFold(),
            event("e1", "order.placed", "2026-12-01T10:00:00Z", "{\"status\":\"placed\",\"amount\":10}"),
            event("e2", "order.shipped", "2026-12-01T11:00:00Z", "{\"status\":\"shipped\",\"carrier\":\"dhl\"}"),
            event("e3", "order.updated", "2026-12-01T12:00:00Z", "{\"carrier\":null}"));
    // As a reader gets it: the JSON text.
    assertThat(view.toString())
        .isEqualTo("{\"state\":{\"status\":\"shipped\",\"amount\":10,\"carrier\":null},\"events\":3,"
            + "\"last_event_id\":\"e3\",\"last_event_type\":\"order.updated\",\"last_event_time\":\"2026-12-01T12:00:00Z\"}");
  }

  @Test
  void timelineKeepsTheLastEventsNewestFirst() throws Exception {
    TimelineFold timeline = new TimelineFold(2);
    ObjectNode view =
        fold(timeline,
            event("e1", "a", "2026-12-01T10:00:00Z", "{\"n\":1}"),
            event("e2", "b", "2026-12-01T10:01:00Z", "{\"n\":2}"),
            event("e3", "c", "2026-12-01T10:02:00Z", "{\"n\":3}"));
    assertThat(view.get("total").asLong()).isEqualTo(3);
    assertThat(view.get("events")).hasSize(2);
    assertThat(view.at("/events/0/event_id").asText()).isEqualTo("e3");
    assertThat(view.at("/events/0/payload/n").asInt()).isEqualTo(3);
    assertThat(view.at("/events/1/event_id").asText()).isEqualTo("e2");
    JsonNode one = timeline.render(view, 1);
    assertThat(one.get("events")).hasSize(1);
    assertThat(one.get("total").asLong()).isEqualTo(3);
    assertThat(view.get("events")).as("render leaves the view alone").hasSize(2);
    assertThat(timeline.render(view, 50)).isEqualTo(view);
    assertThatThrownBy(() -> new TimelineFold(0)).hasMessage("limit must be between 1 and 1000, got 0");
  }

  @Test
  void counterCountsAndClosesAMinuteAfterItsLateness() throws Exception {
    CounterFold counter = new CounterFold(Duration.ofMinutes(5));
    assertThat(fold(counter, event("e1", "a", "2026-12-01T10:00:05Z", "{}"), event("e2", "a", "2026-12-01T10:00:59Z", "{}")).toString())
        .isEqualTo("{\"count\":2}");
    long event = Instant.parse("2026-12-01T10:00:30Z").toEpochMilli();
    // The minute 10:00 ends at 10:01 and closes at 10:06 with 5 minutes of lateness.
    assertThat(counter.closesAtMillis(event)).isEqualTo(Instant.parse("2026-12-01T10:06:00Z").toEpochMilli());
    assertThat(counter.isLate(event, Instant.parse("2026-12-01T10:05:59.999Z").toEpochMilli())).isFalse();
    assertThat(counter.isLate(event, Instant.parse("2026-12-01T10:06:00Z").toEpochMilli())).isTrue();
  }

  @Test
  void keysComeFromTheEntityAPayloadFieldOrTheTypeAndMinute() throws Exception {
    EventEnvelope e = event("e1", "order.placed", "2026-12-01T10:15:42.5Z", "{\"customer\":\"c-7\",\"n\":3,\"o\":{}}");
    JsonNode payload = JSON.readTree(e.payload());
    assertThat(new KeySpec(KeySpec.Kind.ENTITY, null).of(e, payload)).hasValue("order-1");
    assertThat(new KeySpec(KeySpec.Kind.FIELD, "customer").of(e, payload)).hasValue("c-7");
    assertThat(new KeySpec(KeySpec.Kind.FIELD, "n").of(e, payload)).hasValue("3");
    assertThat(new KeySpec(KeySpec.Kind.FIELD, "o").of(e, payload)).as("not a scalar").isEmpty();
    assertThat(new KeySpec(KeySpec.Kind.FIELD, "missing").of(e, payload)).isEmpty();
    assertThat(new KeySpec(KeySpec.Kind.EVENT_TYPE_MINUTE, null).of(e, payload)).hasValue("order.placed/2026-12-01T10:15Z");
  }

  @Test
  void customFoldsRegisterByName() {
    FoldFactory sum =
        new FoldFactory() {
          @Override
          public String name() {
            return "sum-amounts";
          }

          @Override
          public Fold create(FoldParameters parameters) {
            return (view, event, payload) -> {
              ObjectNode next = JSON.createObjectNode();
              next.put("sum", (view == null ? 0 : view.get("sum").asLong()) + payload.path("amount").asLong());
              return next;
            };
          }
        };
    FoldRegistry registry = FoldRegistry.standard().register(sum);
    assertThat(registry.names()).contains("sum-amounts", "latest-state", "timeline", "counter");
    assertThatThrownBy(() -> registry.register(sum)).hasMessage("a fold named 'sum-amounts' is registered twice");
  }
}
