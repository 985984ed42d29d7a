package io.strata.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrataEventTypesTest {

  private final EventTypeRegistry registry = StrataEventTypes.defaults();

  private static EventEnvelope orderPlacedV1(String payload) {
    return new EventEnvelope(
        "evt-9",
        "order.placed",
        1,
        "acme",
        "order-9",
        Instant.parse("2024-05-01T10:00:00Z"),
        Instant.parse("2024-05-01T10:00:01Z"),
        "checkout",
        "corr-9",
        "cmd-9",
        "order-9",
        payload);
  }

  @Test
  void registersTheDemoEventTypes() {
    assertThat(registry.eventTypes())
        .containsExactly(
            "order.placed", "order.shipped", "page.viewed", "payment.failed", "user.signed_up");
    assertThat(registry.knownVersions("order.placed")).containsExactly(1, 2);
    assertThat(registry.latestVersion("order.shipped")).isEqualTo(1);
    assertThat(registry.latestVersion("user.signed_up")).isEqualTo(1);
    assertThat(registry.latestVersion("page.viewed")).isEqualTo(1);
    assertThat(registry.latestVersion("payment.failed")).isEqualTo(1);
  }

  @Test
  void orderPlacedV1BecomesV2() {
    EventEnvelope v1 =
        orderPlacedV1("{\"order_id\":\"order-9\",\"amount\":12.34,\"items\":[{\"sku\":\"a\"}]}");

    EventEnvelope v2 = registry.upcastToLatest(v1);

    assertThat(v2.schemaVersion()).isEqualTo(2);
    assertThat(v2.payload())
        .isEqualTo(
            "{\"order_id\":\"order-9\",\"amount_cents\":1234,\"items\":[{\"sku\":\"a\"}],"
                + "\"currency\":\"EUR\"}");
    assertThat(v2)
        .usingRecursiveComparison()
        .ignoringFields("schemaVersion", "payload")
        .isEqualTo(v1);
  }

  @ParameterizedTest
  @CsvSource({
    "12, 1200",
    "12.5, 1250",
    "0.125, 13",
    "19.999, 2000",
    "0.004, 0",
    "-1.005, -101",
    "1e2, 10000",
    "123456789012345678.99, 12345678901234567899"
  })
  void roundsAmountToWholeCents(String amount, String cents) {
    EventEnvelope v2 = registry.upcastToLatest(orderPlacedV1("{\"amount\":" + amount + "}"));

    assertThat(v2.payload()).isEqualTo("{\"amount_cents\":" + cents + ",\"currency\":\"EUR\"}");
  }

  @Test
  void keepsAnExistingCurrency() {
    EventEnvelope v2 =
        registry.upcastToLatest(orderPlacedV1("{\"currency\":\"USD\",\"amount\":3}"));

    assertThat(v2.payload()).isEqualTo("{\"currency\":\"USD\",\"amount_cents\":300}");
  }

  @Test
  void leavesV2Alone() {
    EventEnvelope v2 =
        orderPlacedV1("{\"amount_cents\":5}")
            .upcastTo(2, "{\"amount_cents\":5,\"currency\":\"EUR\"}");

    assertThat(registry.upcastToLatest(v2)).isSameAs(v2);
  }

  @Test
  void refusesV1PayloadsItCannotRewrite() {
    assertUpcastFails("{\"order_id\":\"o\"}", "payload has no field 'amount'");
    assertUpcastFails("{\"amount\":\"12.34\"}", "payload field 'amount' is not a number");
    assertUpcastFails(
        "{\"amount\":1,\"amount_cents\":100}", "payload already has a field 'amount_cents'");
    assertUpcastFails(
        "{\"amount\":1e999999999}", "payload field 'amount' has more than 30 integer digits");
  }

  private void assertUpcastFails(String payload, String reason) {
    assertThatThrownBy(() -> registry.upcastToLatest(orderPlacedV1(payload)))
        .isInstanceOf(UpcastFailedException.class)
        .hasMessage("upcast of 'order.placed' from version 1 to 2 failed: " + reason);
  }
}
