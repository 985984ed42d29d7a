package io.strata.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One payload per keyword the schemas use, each breaking that keyword alone, and the exact reason. */
class PayloadValidationTest {
  private static final SchemaCatalog SHIPPED = SchemaFiles.load(TestingSchemas.SHIPPED);

  @TempDir Path dir;

  @Test
  void typeOfAField() {
    assertReason("order.placed", 2, "{\"amount_cents\":\"1234\",\"currency\":\"EUR\"}",
        "/amount_cents", "type", "payload of order.placed v2 at /amount_cents: integer expected, got string (type)");
    assertReason("order.placed", 2, "{\"amount_cents\":12.5,\"currency\":\"EUR\"}",
        "/amount_cents", "type", "payload of order.placed v2 at /amount_cents: integer expected, got number (type)");
    assertReason("order.placed", 1, "{\"amount\":true}",
        "/amount", "type", "payload of order.placed v1 at /amount: number expected, got boolean (type)");
  }

  @Test
  void typeOfThePayload() {
    assertReason("page.viewed", 1, "[1]", "", "type", "payload of page.viewed v1: object expected, got array (type)");
  }

  @Test
  void required() {
    assertReason("user.signed_up", 1, "{\"plan_name\":\"pro\"}",
        "/plan", "required", "payload of user.signed_up v1 at /plan: is required but missing (required)");
    assertReason("order.placed", 2, "{\"amount_cents\":5}",
        "/currency", "required", "payload of order.placed v2 at /currency: is required but missing (required)");
  }

  @Test
  void enumValues() {
    assertReason("user.signed_up", 1, "{\"plan\":\"enterprise\"}",
        "/plan", "enum", "payload of user.signed_up v1 at /plan: must be one of \"free\", \"pro\" (enum)");
  }

  @Test
  void minimum() {
    assertReason("order.placed", 2, "{\"amount_cents\":-1,\"currency\":\"EUR\"}",
        "/amount_cents", "minimum", "payload of order.placed v2 at /amount_cents: must be at least 0 (minimum)");
    assertReason("order.placed", 1, "{\"amount\":-1.005}",
        "/amount", "minimum", "payload of order.placed v1 at /amount: must be at least 0 (minimum)");
  }

  @Test
  void minLengthAndMaxLength() {
    assertReason("order.shipped", 1, "{\"order_id\":\"\"}",
        "/order_id", "minLength", "payload of order.shipped v1 at /order_id: must be at least 1 characters long (minLength)");
    assertReason("order.shipped", 1, "{\"order_id\":\"" + "o".repeat(65) + "\"}",
        "/order_id", "maxLength", "payload of order.shipped v1 at /order_id: must be at most 64 characters long (maxLength)");
  }

  @Test
  void pattern() {
    assertReason("page.viewed", 1, "{\"path\":\"p/42\"}",
        "/path", "pattern", "payload of page.viewed v1 at /path: must match the pattern ^/ (pattern)");
    assertReason("order.placed", 2, "{\"amount_cents\":5,\"currency\":\"eur\"}",
        "/currency", "pattern", "payload of order.placed v2 at /currency: must match the pattern ^[A-Z]{3}$ (pattern)");
    assertReason("payment.failed", 1, "{\"error\":\"Card Declined\"}",
        "/error", "pattern", "payload of payment.failed v1 at /error: must match the pattern ^[a-z][a-z0-9_]*$ (pattern)");
  }

  @Test
  void propertiesNameTheFieldTheirRuleBreaks() {
    // properties itself never fails: the rule of the property does, at the property's pointer.
    Optional<PayloadViolation> violation = SHIPPED.validatePayload("payment.failed", 1, "{\"error\":7}");
    assertThat(violation).hasValue(new PayloadViolation("payment.failed", 1, "/error", "type", "string expected, got integer"));
  }

  @Test
  void theKeywordsTheShippedSchemasDoNotUse() {
    TestingSchemas.type(dir, null, """
        schema:
          type: object
          additionalProperties: false
          properties:
            day: {type: string, format: date}
            kind: {const: retail}
            customer:
              type: object
              properties:
                "first/name": {type: string}
                tier: {type: [string, "null"]}
            lines:
              type: array
              minItems: 1
              items: {type: object, required: [sku], properties: {sku: {type: string}}}
            score: {type: number, exclusiveMaximum: 1}
        """);
    SchemaCatalog catalog = TestingSchemas.load(dir);
    String type = TestingSchemas.TYPE;

    assertThat(reason(catalog, type, "{\"note\":\"secret\"}"))
        .isEqualTo("payload of shop.order v1 at /note: is not a declared field, and the schema allows no others (additionalProperties)");
    assertThat(reason(catalog, type, "{\"day\":\"2026-02-30\"}"))
        .isEqualTo("payload of shop.order v1 at /day: must be a valid date (format)");
    assertThat(reason(catalog, type, "{\"kind\":\"wholesale\"}"))
        .isEqualTo("payload of shop.order v1 at /kind: must be \"retail\" (const)");
    assertThat(reason(catalog, type, "{\"customer\":{\"first/name\":1}}"))
        .isEqualTo("payload of shop.order v1 at /customer/first~1name: string expected, got integer (type)");
    assertThat(reason(catalog, type, "{\"customer\":{\"tier\":1}}"))
        .isEqualTo("payload of shop.order v1 at /customer/tier: string or null expected, got integer (type)");
    assertThat(reason(catalog, type, "{\"lines\":[]}"))
        .isEqualTo("payload of shop.order v1 at /lines: must have at least 1 items (minItems)");
    assertThat(reason(catalog, type, "{\"lines\":[{\"sku\":\"a\"},{\"qty\":2}]}"))
        .isEqualTo("payload of shop.order v1 at /lines/1/sku: is required but missing (required)");
    assertThat(reason(catalog, type, "{\"score\":1}"))
        .isEqualTo("payload of shop.order v1 at /score: must be less than 1 (exclusiveMaximum)");
    assertThat(catalog.validatePayload(type, 1, "{\"day\":\"2026-02-28\",\"kind\":\"retail\",\"lines\":[{\"sku\":\"a\"}]}"))
        .isEmpty();
  }

  @Test
  void reasonsNeverCarryTheValue() {
    String secret = "4111-1111-1111-1111";
    for (String payload : List.of(
        "{\"plan\":\"" + secret + "\"}", "{\"plan\":1" + secret.replace("-", "") + "}", "{\"plan\":[\"" + secret + "\"]}")) {
      assertThat(SHIPPED.validatePayload("user.signed_up", 1, payload)).hasValueSatisfying(v -> {
        assertThat(v.reason()).doesNotContain(secret).doesNotContain(secret.replace("-", ""));
        assertThat(v.message()).doesNotContain(secret).doesNotContain(secret.replace("-", ""));
      });
    }
  }

  @Test
  void aPayloadThatIsNotJson() {
    assertReason("page.viewed", 1, "{\"path\": ", "", "json", "payload of page.viewed v1: is not valid JSON (json)");
  }

  @Test
  void aParsedPayloadValidatesAlike() throws Exception {
    assertThat(SHIPPED.validatePayload("user.signed_up", 1, new ObjectMapper().readTree("{\"plan\":\"gold\"}")))
        .map(PayloadViolation::reason)
        .hasValue("payload of user.signed_up v1 at /plan: must be one of \"free\", \"pro\" (enum)");
  }

  @Test
  void anUnknownTypeOrVersionIsTheCallersMistake() {
    assertThatThrownBy(() -> SHIPPED.validatePayload("order.cancelled", 1, "{}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown event type 'order.cancelled'");
    assertThatThrownBy(() -> SHIPPED.validatePayload("order.placed", 3, "{}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("event type 'order.placed' has no schema version 3 (known: 1..2)");
  }

  @Test
  void oneCatalogValidatesFromManyThreads() throws Exception {
    SchemaCatalog fresh = SchemaFiles.load(TestingSchemas.SHIPPED);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Long>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          long refused = 0;
          for (int i = 0; i < 2_000; i++) {
            String plan = i % 2 == 0 ? "pro" : "gold";
            refused += fresh.validatePayload("user.signed_up", 1, "{\"plan\":\"" + plan + "\"}").isPresent() ? 1 : 0;
          }
          return refused;
        }));
      }
      for (Future<Long> result : results) {
        assertThat(result.get()).isEqualTo(1_000L);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertReason(String type, int version, String payload, String pointer, String keyword, String reason) {
    Optional<PayloadViolation> violation = SHIPPED.validatePayload(type, version, payload);
    assertThat(violation).as(payload).hasValueSatisfying(v -> {
      assertThat(v.pointer()).isEqualTo(pointer);
      assertThat(v.keyword()).isEqualTo(keyword);
      assertThat(v.reason()).isEqualTo(reason);
    });
  }

  private static String reason(SchemaCatalog catalog, String type, String payload) {
    return catalog.validatePayload(type, 1, payload).map(PayloadViolation::reason).orElse("valid");
  }
}
