package io.strata.schemas;

import static io.strata.schemas.SchemaCatalogTest.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.event.EventEnvelope;
import io.strata.event.EventTypeRegistry;
import io.strata.event.UpcastFailedException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What declared steps do to events, through the registry the catalog builds. */
class DeclaredUpcasterTest {
  private static final String V1 = """
      schema:
        type: object
        properties:
          total: {type: number}
          note: {type: string}
          customer: {type: object, properties: {id: {type: string}, name: {type: string}}}
          legacy: {type: string}
      """;

  @TempDir Path dir;

  private EventTypeRegistry registry(String steps) {
    String v2 = """
        schema:
          type: object
          properties:
            amount: {type: number}
            currency: {type: string}
            customer: {type: object, properties: {id: {type: string}, tier: {type: string}, contact: {type: object}}}
            customer_name: {type: string}
        upcast:
        """ + steps;
    return TestingSchemas.load(TestingSchemas.type(dir, "NONE", V1, v2)).registry();
  }

  private String upcast(EventTypeRegistry registry, String payload) {
    EventEnvelope v2 = registry.upcastToLatest(envelope(1, payload));
    assertThat(v2.schemaVersion()).isEqualTo(2);
    return v2.payload();
  }

  @Test
  void renameKeepsThePlaceAndTheExactNumber() {
    EventTypeRegistry registry = registry("  - {rename: /total, to: amount}\n");

    assertThat(upcast(registry, "{\"note\":\"n\",\"total\":1.50,\"legacy\":\"x\"}"))
        .isEqualTo("{\"note\":\"n\",\"amount\":1.50,\"legacy\":\"x\"}");
    assertThat(upcast(registry, "{\"note\":\"n\"}")).as("an optional field that is not there").isEqualTo("{\"note\":\"n\"}");
  }

  @Test
  void addKeepsAValueTheEventAlreadyHas() {
    EventTypeRegistry registry = registry("  - {add: /currency, value: EUR}\n  - {add: /customer/tier, value: basic}\n");

    assertThat(upcast(registry, "{\"total\":1}")).isEqualTo("{\"total\":1,\"currency\":\"EUR\"}");
    assertThat(upcast(registry, "{\"currency\":\"USD\",\"customer\":{\"id\":\"c\"}}"))
        .isEqualTo("{\"currency\":\"USD\",\"customer\":{\"id\":\"c\",\"tier\":\"basic\"}}");
  }

  @Test
  void moveMakesTheObjectsOnTheWay() {
    EventTypeRegistry registry = registry("  - {move: /customer/name, to: /customer_name}\n  - {move: /note, to: /customer/contact/note}\n");

    assertThat(upcast(registry, "{\"note\":\"call\",\"customer\":{\"id\":\"c\",\"name\":\"Ada\"}}"))
        .isEqualTo("{\"customer\":{\"id\":\"c\",\"contact\":{\"note\":\"call\"}},\"customer_name\":\"Ada\"}");
    assertThat(upcast(registry, "{\"note\":\"call\"}")).isEqualTo("{\"customer\":{\"contact\":{\"note\":\"call\"}}}");
    assertThat(upcast(registry, "{\"total\":2}")).isEqualTo("{\"total\":2}");
  }

  @Test
  void removeDropsTheFieldWhenItIsThere() {
    EventTypeRegistry registry = registry("  - {remove: /legacy}\n  - {remove: /customer/name}\n");

    assertThat(upcast(registry, "{\"legacy\":\"x\",\"customer\":{\"name\":\"Ada\"},\"total\":1}"))
        .isEqualTo("{\"customer\":{},\"total\":1}");
    assertThat(upcast(registry, "{\"total\":1}")).isEqualTo("{\"total\":1}");
  }

  @Test
  void noStepsOnlyChangeTheVersion() {
    EventTypeRegistry registry = TestingSchemas.load(TestingSchemas.type(dir, "NONE", V1, V1)).registry();

    assertThat(upcast(registry, "{\"total\": 1.0}")).isEqualTo("{\"total\": 1.0}");
  }

  @Test
  void anEventTheStepsCannotRewriteIsRefusedNamingTheFieldOnly() {
    assertUpcastFails(registry("  - {rename: /total, to: amount}\n"), "{\"total\":1,\"amount\":\"secret\"}",
        "payload already has a field '/amount'");
    assertUpcastFails(registry("  - {move: /note, to: /customer/contact/note}\n"), "{\"note\":\"n\",\"customer\":\"secret\"}",
        "payload field '/customer' is not an object");
    assertUpcastFails(registry("  - {move: /note, to: /customer_name}\n"), "{\"note\":\"n\",\"customer_name\":\"secret\"}",
        "payload already has a field '/customer_name'");
    assertUpcastFails(registry("  - {remove: /legacy}\n"), "[\"secret\"]", "payload is not a JSON object");
  }

  private void assertUpcastFails(EventTypeRegistry registry, String payload, String reason) {
    assertThatThrownBy(() -> registry.upcastToLatest(envelope(1, payload)))
        .isInstanceOf(UpcastFailedException.class)
        .hasMessage("upcast of 'shop.order' from version 1 to 2 failed: " + reason)
        .hasMessageNotContaining("secret");
  }
}
