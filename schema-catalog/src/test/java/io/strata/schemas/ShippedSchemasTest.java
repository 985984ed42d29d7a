package io.strata.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.event.DecodeResult;
import io.strata.event.EnvelopeCodec;
import io.strata.event.EnvelopeValidator;
import io.strata.event.EventEnvelope;
import io.strata.event.EventTypeRegistry;
import io.strata.event.StrataEventTypes;
import io.strata.event.ValidationConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code schemas/} folder against what it replaces: {@link StrataEventTypes#defaults()} and
 * the payloads the event generator and the pipeline's tests send.
 */
class ShippedSchemasTest {
  private static final SchemaCatalog CATALOG = SchemaFiles.load(TestingSchemas.SHIPPED);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EnvelopeCodec CODEC = new EnvelopeCodec();

  @Test
  void declaresTheDemoTypesAsTheDefaultsDo() {
    EventTypeRegistry defaults = StrataEventTypes.defaults();
    EventTypeRegistry registry = CATALOG.registry();

    assertThat(registry.eventTypes()).containsExactlyElementsOf(defaults.eventTypes());
    for (String type : defaults.eventTypes()) {
      assertThat(registry.knownVersions(type)).as(type).isEqualTo(defaults.knownVersions(type));
    }
    assertThat(CATALOG.types()).extracting(EventTypeSchema::name, EventTypeSchema::owner, EventTypeSchema::compatibility)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("order.placed", "checkout", Compatibility.BACKWARD_TRANSITIVE),
            org.assertj.core.groups.Tuple.tuple("order.shipped", "fulfilment", Compatibility.BACKWARD_TRANSITIVE),
            org.assertj.core.groups.Tuple.tuple("page.viewed", "web", Compatibility.BACKWARD_TRANSITIVE),
            org.assertj.core.groups.Tuple.tuple("payment.failed", "payments", Compatibility.BACKWARD_TRANSITIVE),
            org.assertj.core.groups.Tuple.tuple("user.signed_up", "accounts", Compatibility.BACKWARD_TRANSITIVE));
    assertThat(CATALOG.type("order.placed").orElseThrow().version(2).orElseThrow().upcast())
        .containsExactly(new UpcastStep.Java("order-placed-amount-to-cents"));
  }

  @Test
  void keepsItsOwnCompatibilityRules() {
    assertThat(CompatibilityCheck.check(CATALOG)).isEmpty();
  }

  @Test
  void theIngestValidatorGivesTheSameResultsWithEitherRegistry() {
    EnvelopeValidator before = new EnvelopeValidator(ValidationConfig.defaults(), StrataEventTypes.defaults());
    EnvelopeValidator after = new EnvelopeValidator(ValidationConfig.defaults(), CATALOG.registry());
    List<byte[]> wire = new ArrayList<>();
    for (String payload : List.of(
        "{\"order_id\":\"order-9\",\"amount\":12.34,\"items\":[{\"sku\":\"a\"}]}",
        "{\"amount\":-1.005}", "{\"amount\":1e2}", "{\"amount\":123456789012345678.99}", "{\"currency\":\"USD\",\"amount\":3}",
        "{\"order_id\":\"o\"}", "{\"amount\":\"12.34\"}", "{\"amount\":1,\"amount_cents\":100}", "{\"amount\":1e999999999}")) {
      wire.add(CODEC.encode(envelope("order.placed", 1, payload)));
    }
    wire.add(CODEC.encode(envelope("order.placed", 2, "{\"order_id\":\"o-1\",\"amount_cents\":5,\"currency\":\"EUR\"}")));
    wire.add(CODEC.encode(envelope("order.placed", 3, "{}")));
    wire.add(CODEC.encode(envelope("page.viewed", 2, "{}")));
    wire.add(CODEC.encode(envelope("no.such.type", 1, "{}")));
    for (String type : List.of("order.shipped", "user.signed_up", "page.viewed", "payment.failed")) {
      wire.add(CODEC.encode(envelope(type, 1, "{\"x\":1}")));
    }

    for (byte[] message : wire) {
      assertThat(after.validate(message)).as(new String(message, StandardCharsets.UTF_8)).isEqualTo(before.validate(message));
    }
    // The upcast itself, as the order.placed tests state it:
    DecodeResult.Valid v2 = (DecodeResult.Valid) after.validate(wire.get(0));
    assertThat(v2.envelope().payload())
        .isEqualTo("{\"order_id\":\"order-9\",\"amount_cents\":1234,\"items\":[{\"sku\":\"a\"}],\"currency\":\"EUR\"}");
    DecodeResult.Invalid refused = (DecodeResult.Invalid) after.validate(wire.get(6));
    assertThat(refused.rejection().message())
        .isEqualTo("upcast of 'order.placed' from version 1 to 2 failed: payload field 'amount' is not a number");
  }

  @Test
  void everyPayloadTheEventGeneratorMakesIsValid() {
    Random random = new Random(42);
    int checked = 0;
    for (int sequence = 1; sequence <= 20_000; sequence++) {
      GeneratedPayload generated = GeneratedPayload.next(random, sequence);
      assertThat(CATALOG.validatePayload(generated.type(), generated.version(), generated.payload()))
          .as(generated.type() + " " + generated.payload()).isEmpty();
      checked++;
    }
    assertThat(checked).isEqualTo(20_000);
  }

  @Test
  void everyPayloadThePipelineTestsSendIsValid() {
    // flink-jobs ValidateFunctionTest and FunctionSerializationTest, event-model EnvelopeValidatorTest,
    // StrataEventTypesTest (the upcaster's inputs, but the negative amount: see the README), and the rest.
    assertValid("order.placed", 1, "{\"order_id\":\"order-1\",\"amount\":12.5}");
    assertValid("order.placed", 1, "{\"order_id\":\"order-42\",\"amount\":12.34}");
    assertValid("order.placed", 1, "{\"amount\":5}");
    assertValid("order.placed", 1, "{\"currency\":\"USD\",\"amount\":3}");
    assertValid("order.placed", 1, "{\"order_id\":\"order-9\",\"amount\":12.34,\"items\":[{\"sku\":\"a\"}]}");
    assertValid("order.placed", 1, "{\"amount\":123456789012345678.99}");
    // flink-jobs TestingEvents, event-model TestingEvents and EnvelopeCodecTest, and the v1 upcasts.
    assertValid("order.placed", 2, "{\"order_id\":\"order-1\",\"amount_cents\":1250,\"currency\":\"EUR\"}");
    assertValid("order.placed", 2, "{\"amount_cents\":500,\"currency\":\"EUR\"}");
    assertValid("order.placed", 2, "{\"currency\":\"USD\",\"amount_cents\":300}");
    assertValid("order.placed", 2, "{\"amount_cents\":12345678901234567899,\"currency\":\"EUR\"}");
    // launcher ViewFreshness's probe; RecordLimitsIT's and EnvelopeValidatorTest's page views.
    assertValid("user.signed_up", 1, "{\"plan\":\"pro\"}");
    assertValid("page.viewed", 1, "{\"blob\":\"" + "x".repeat(1000) + "\"}");
    assertValid("page.viewed", 1, "{\"s\":\"abcdefg\"}");
    assertValid("page.viewed", 1, "{\"url\":\"/a?b=\\\"c\\\"\",\"ms\":1.0E+3,\"n\":{}}");
  }

  @Test
  void theUpcastOfEveryValidV1OrderIsAValidV2Order() {
    for (String payload : List.of(
        "{\"order_id\":\"order-1\",\"amount\":12.5}", "{\"amount\":0.004}", "{\"currency\":\"USD\",\"amount\":3}",
        "{\"amount\":19.999,\"items\":[]}", "{\"amount\":123456789012345678.99}")) {
      assertValid("order.placed", 1, payload);
      EventEnvelope v2 = CATALOG.registry().upcastToLatest(envelope("order.placed", 1, payload));
      assertThat(CATALOG.validatePayload("order.placed", 2, v2.payload())).as(v2.payload()).isEmpty();
    }
  }

  private static void assertValid(String type, int version, String payload) {
    assertThat(CATALOG.validatePayload(type, version, payload)).as(type + " v" + version + " " + payload).isEmpty();
  }

  private static EventEnvelope envelope(String type, int version, String payload) {
    return new EventEnvelope("evt-9", type, version, "acme", "order-9", Instant.parse("2024-05-01T10:00:00Z"), null,
        "checkout", "corr-9", "cmd-9", "order-9", payload);
  }

  /**
   * The payloads {@code launcher}'s {@code EventGenerator.newEvent} makes, type by type, at the latest
   * version (this module cannot depend on the launcher; keep the two in step).
   */
  private record GeneratedPayload(String type, int version, String payload) {
    private static final EventTypeRegistry DEFAULTS = StrataEventTypes.defaults();
    private static final String[] TYPES = {"order.placed", "order.shipped", "user.signed_up", "page.viewed", "payment.failed"};

    static GeneratedPayload next(Random random, long sequence) {
      String type = TYPES[random.nextInt(TYPES.length)];
      ObjectNode payload = JSON.createObjectNode();
      switch (type) {
        case "order.placed" -> {
          payload.put("order_id", "o-" + sequence);
          payload.put("amount_cents", random.nextInt(100_000));
          payload.put("currency", "EUR");
        }
        case "order.shipped" -> payload.put("order_id", "o-" + random.nextInt((int) sequence + 1));
        case "user.signed_up" -> payload.put("plan", random.nextBoolean() ? "free" : "pro");
        case "page.viewed" -> payload.put("path", "/p/" + random.nextInt(500));
        default -> payload.put("error", "card_declined");
      }
      return new GeneratedPayload(type, DEFAULTS.latestVersion(type), payload.toString());
    }
  }
}
