package io.strata.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTypeRegistryTest {

  // Each step appends its target version to the payload's "path", so the test sees which steps ran.
  private static final Upcaster ONE_TO_TWO =
      from -> from.upcastTo(2, from.payload().replace("\"}", "2\"}"));
  private static final Upcaster TWO_TO_THREE =
      from -> from.upcastTo(3, from.payload().replace("\"}", "3\"}"));

  private static EventTypeRegistry threeVersions() {
    return EventTypeRegistry.builder()
        .eventType("cart.updated", 3)
        .upcaster("cart.updated", 2, TWO_TO_THREE)
        .upcaster("cart.updated", 1, ONE_TO_TWO)
        .eventType("page.viewed", 1)
        .build();
  }

  private static EventEnvelope event(String type, int version) {
    return new EventEnvelope(
        "e",
        type,
        version,
        "t",
        "x",
        Instant.parse("2024-05-01T10:00:00Z"),
        null,
        "s",
        "c",
        null,
        "x",
        "{\"path\":\"" + version + "\"}");
  }

  @Test
  void describesItsTypesAndVersions() {
    EventTypeRegistry registry = threeVersions();

    assertThat(registry.eventTypes()).containsExactly("cart.updated", "page.viewed");
    assertThat(registry.latestVersion("cart.updated")).isEqualTo(3);
    assertThat(registry.knownVersions("cart.updated")).containsExactly(1, 2, 3);
    assertThat(registry.knownVersions("page.viewed")).containsExactly(1);
    assertThat(registry.isKnown("page.viewed")).isTrue();
    assertThat(registry.isKnown("foo.bar")).isFalse();
    assertThatThrownBy(() -> registry.latestVersion("foo.bar"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown event type 'foo.bar'");
  }

  @Test
  void upcastsThroughTheWholeChain() {
    EventTypeRegistry registry = threeVersions();

    EventEnvelope fromOne = registry.upcastToLatest(event("cart.updated", 1));
    EventEnvelope fromTwo = registry.upcastToLatest(event("cart.updated", 2));
    EventEnvelope latest = event("cart.updated", 3);

    assertThat(fromOne.schemaVersion()).isEqualTo(3);
    assertThat(fromOne.payload()).isEqualTo("{\"path\":\"123\"}");
    assertThat(fromTwo.payload()).isEqualTo("{\"path\":\"23\"}");
    assertThat(registry.upcastToLatest(latest)).isSameAs(latest);
  }

  @Test
  void refusesVersionsItDoesNotKnow() {
    assertThatThrownBy(() -> threeVersions().upcastToLatest(event("cart.updated", 4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event type 'cart.updated' has no schema version 4 (known: 1, 2, 3)");
  }

  @Test
  void wrapsAThrowingUpcaster() {
    EventTypeRegistry registry =
        EventTypeRegistry.builder()
            .eventType("t", 2)
            .upcaster(
                "t",
                1,
                from -> {
                  throw new IllegalArgumentException("payload has no field 'sku'");
                })
            .build();

    assertThatThrownBy(() -> registry.upcastToLatest(event("t", 1)))
        .isInstanceOf(UpcastFailedException.class)
        .hasMessage("upcast of 't' from version 1 to 2 failed: payload has no field 'sku'")
        .hasCauseInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void checksWhatAnUpcasterReturns() {
    EventTypeRegistry skips =
        EventTypeRegistry.builder().eventType("t", 2).upcaster("t", 1, from -> from).build();
    EventTypeRegistry returnsNull =
        EventTypeRegistry.builder().eventType("t", 2).upcaster("t", 1, from -> null).build();

    assertThatThrownBy(() -> skips.upcastToLatest(event("t", 1)))
        .isInstanceOf(UpcastFailedException.class)
        .hasMessage(
            "upcast of 't' from version 1 to 2 failed: the upcaster returned 't' version 1");
    assertThatThrownBy(() -> returnsNull.upcastToLatest(event("t", 1)))
        .isInstanceOf(UpcastFailedException.class)
        .hasMessage("upcast of 't' from version 1 to 2 failed: the upcaster returned null");
  }

  @Test
  void builderRejectsAGapInTheChain() {
    assertBuildFails(
        EventTypeRegistry.builder().eventType("t", 3).upcaster("t", 1, ONE_TO_TWO),
        "event type 't' has versions 1..3 but no upcaster 2->3");
    assertBuildFails(
        EventTypeRegistry.builder().eventType("t", 3).upcaster("t", 2, TWO_TO_THREE),
        "event type 't' has versions 1..3 but no upcaster 1->2");
    assertBuildFails(
        EventTypeRegistry.builder().eventType("t", 2),
        "event type 't' has versions 1..2 but no upcaster 1->2");
  }

  @Test
  void builderRejectsUpcastersThatFitNoVersion() {
    assertBuildFails(
        EventTypeRegistry.builder()
            .eventType("t", 2)
            .upcaster("t", 1, ONE_TO_TWO)
            .upcaster("t", 2, TWO_TO_THREE),
        "upcaster of 't' 2->3 goes beyond its latest version 2");
    assertBuildFails(
        EventTypeRegistry.builder().eventType("t", 1).upcaster("u", 1, ONE_TO_TWO),
        "upcaster of 'u' is for an event type that is not registered");
    assertBuildFails(EventTypeRegistry.builder(), "no event types registered");
  }

  @Test
  void builderRejectsBadArgumentsAtOnce() {
    assertThatThrownBy(() -> EventTypeRegistry.builder().eventType("t", 1).eventType("t", 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event type 't' is registered twice");
    assertThatThrownBy(
            () ->
                EventTypeRegistry.builder()
                    .upcaster("t", 1, ONE_TO_TWO)
                    .upcaster("t", 1, ONE_TO_TWO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("upcaster of 't' 1->2 is registered twice");
    assertThatThrownBy(() -> EventTypeRegistry.builder().eventType("t", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event type 't': latest version must be >= 1, got 0");
    assertThatThrownBy(() -> EventTypeRegistry.builder().upcaster("t", 0, ONE_TO_TWO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("upcaster of 't': from version must be >= 1, got 0");
    assertThatThrownBy(() -> EventTypeRegistry.builder().eventType(" ", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event type name is blank");
    assertThatThrownBy(() -> EventTypeRegistry.builder().upcaster("t", 1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("upcaster is null");
  }

  @Test
  void survivesJavaSerialization() {
    EventTypeRegistry copy = TestingEvents.javaRoundTrip(threeVersions());

    assertThat(copy.eventTypes()).containsExactly("cart.updated", "page.viewed");
    assertThat(copy.knownVersions("cart.updated")).containsExactly(1, 2, 3);
    assertThat(copy.upcastToLatest(event("cart.updated", 1)).payload())
        .isEqualTo("{\"path\":\"123\"}");
    assertThat(copy.toString())
        .isEqualTo("EventTypeRegistry[cart.updated v1..3, page.viewed v1..1]");
  }

  private static void assertBuildFails(EventTypeRegistry.Builder builder, String message) {
    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
