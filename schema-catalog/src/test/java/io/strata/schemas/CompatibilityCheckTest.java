package io.strata.schemas;

import static io.strata.schemas.TestingSchemas.TYPE;
import static io.strata.schemas.TestingSchemas.schema;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each rule of {@link CompatibilityCheck}, in each direction, transitive or not, and what upcast steps
 * exempt. Schemas are written in YAML's flow style, one line each. A live apply's own rules are in
 * {@link CatalogChangeCheckTest}.
 */
class CompatibilityCheckTest {
  @TempDir Path dir;

  private List<String> check(String rule, String... versions) {
    return CompatibilityCheck.check(TestingSchemas.load(TestingSchemas.type(dir, rule, versions)))
        .stream().map(Breaking::message).toList();
  }

  private String prefix(int version, String rule, int older) {
    return TestingSchemas.versionFile(dir, version) + ": " + TYPE + " v" + version + " is not " + rule
        + " compatible with v" + older + ": ";
  }

  // --- BACKWARD: the newer version reads the older's events, after the steps.

  @Test
  void addingAnOptionalFieldIsBackward() {
    assertThat(check("BACKWARD",
        schema("id: {type: string}", "id"),
        schema("id: {type: string}, note: {type: string}", "id"))).isEmpty();
  }

  @Test
  void addingARequiredFieldNeedsAnAddStep() {
    String v1 = schema("id: {type: string}", "id");
    String v2 = schema("id: {type: string}, total: {type: integer, default: 0}", "id, total");

    assertThat(check("BACKWARD", v1, v2))
        .containsExactly(prefix(2, "BACKWARD", 1) + "field 'total' is added as required without an upcaster");
    assertThat(check("BACKWARD", v1, v2 + "upcast: [{add: /total, value: 7}]")).isEmpty();
    assertThat(check("BACKWARD", v1, v2 + "upcast: [{add: /total}]")).as("the value from the schema's default").isEmpty();
  }

  @Test
  void aValueFromAnAddStepMustBeValidInTheNewVersion() {
    String v1 = schema("id: {type: string}", "id");
    String v2 = schema("id: {type: string}, total: {type: integer, minimum: 1}, tier: {enum: [a, b]}", "id");

    assertThat(check("BACKWARD", v1, v2 + "upcast: [{add: /total, value: none}]"))
        .containsExactly(prefix(2, "BACKWARD", 1)
            + "field 'total' gets a value from an upcast step that v2 does not accept: a string where v2 wants integer");
    assertThat(check("BACKWARD", v1, v2 + "upcast: [{add: /total, value: 0}, {add: /tier, value: c}]"))
        .containsExactly(
            prefix(2, "BACKWARD", 1) + "field 'total' gets a value from an upcast step that v2 does not accept: outside minimum 1",
            prefix(2, "BACKWARD", 1) + "field 'tier' gets a value from an upcast step that v2 does not accept: not one of [\"a\", \"b\"]");
  }

  @Test
  void makingAnOptionalFieldRequiredIsNotBackward() {
    assertThat(check("BACKWARD",
        schema("id: {type: string}, note: {type: string}", "id"),
        schema("id: {type: string}, note: {type: string}", "id, note")))
        .containsExactly(prefix(2, "BACKWARD", 1) + "field 'note' becomes required without an upcaster");
  }

  @Test
  void removingAFieldNeedsARemoveStep() {
    String v1 = schema("id: {type: string}, note: {type: string}", "id");
    String v2 = schema("id: {type: string}", "id");

    assertThat(check("BACKWARD", v1, v2)).containsExactly(prefix(2, "BACKWARD", 1) + "field 'note' is removed without an upcaster");
    assertThat(check("BACKWARD", v1, v2 + "upcast: [{remove: /note}]")).isEmpty();
  }

  @Test
  void renamingAFieldNeedsARenameStep() {
    String v1 = schema("id: {type: string}, total: {type: integer}", "id, total");
    String v2 = schema("id: {type: string}, amount: {type: integer}", "id, amount");

    assertThat(check("BACKWARD", v1, v2)).containsExactly(
        prefix(2, "BACKWARD", 1) + "field 'total' is removed without an upcaster",
        prefix(2, "BACKWARD", 1) + "field 'amount' is added as required without an upcaster");
    assertThat(check("BACKWARD", v1, v2 + "upcast: [{rename: /total, to: amount}]")).isEmpty();
  }

  @Test
  void movingAFieldIntoAnObjectNeedsAMoveStep() {
    String v1 = schema("customer_id: {type: string}", "customer_id");
    String v2 = schema("customer: {type: object, properties: {id: {type: string}}, required: [id]}", "customer");

    assertThat(check("BACKWARD", v1, v2)).containsExactly(
        prefix(2, "BACKWARD", 1) + "field 'customer_id' is removed without an upcaster",
        prefix(2, "BACKWARD", 1) + "field 'customer' is added as required without an upcaster");
    assertThat(check("BACKWARD", v1, v2 + "upcast: [{move: /customer_id, to: /customer/id}]")).isEmpty();
  }

  @Test
  void aMovedOptionalFieldDoesNotMakeItsNewObjectRequired() {
    String v1 = schema("id: {type: string}, customer_id: {type: string}", "id");
    String optional = schema("id: {type: string}, customer: {type: object, properties: {id: {type: string}}, required: [id]}", "id");
    String required = schema("id: {type: string}, customer: {type: object, properties: {id: {type: string}}, required: [id]}", "id, customer");
    String step = "upcast: [{move: /customer_id, to: /customer/id}]";

    assertThat(check("BACKWARD", v1, optional + step)).isEmpty();
    assertThat(check("BACKWARD", v1, required + step))
        .containsExactly(prefix(2, "BACKWARD", 1) + "field 'customer' becomes required without an upcaster");
  }

  @Test
  void changingATypeIsNotBackwardButWideningIs() {
    String integer = schema("n: {type: integer}", "n");

    assertThat(check("BACKWARD", integer, schema("n: {type: string}", "n")))
        .containsExactly(prefix(2, "BACKWARD", 1) + "field 'n' changes type from integer to string without an upcaster");
    assertThat(check("BACKWARD", schema("n: {type: number}", "n"), integer))
        .containsExactly(prefix(2, "BACKWARD", 1) + "field 'n' changes type from number to integer without an upcaster");
    assertThat(check("BACKWARD", integer, schema("n: {type: number}", "n"))).isEmpty();
    assertThat(check("BACKWARD", integer, schema("n: {type: [integer, \"null\"]}", "n"))).isEmpty();
    assertThat(check("BACKWARD", schema("n: {type: [integer, \"null\"]}", "n"), integer))
        .containsExactly(prefix(2, "BACKWARD", 1) + "field 'n' changes type from integer or null to integer without an upcaster");
    assertThat(check("BACKWARD", schema("n: {}", "n"), integer))
        .containsExactly(prefix(2, "BACKWARD", 1) + "field 'n' changes type from any type to integer without an upcaster");
  }

  @Test
  void enumsMayGrowButNotShrink() {
    String ab = schema("plan: {enum: [free, pro]}", "plan");

    assertThat(check("BACKWARD", ab, schema("plan: {enum: [free, pro, team]}", "plan"))).isEmpty();
    assertThat(check("BACKWARD", ab, schema("plan: {enum: [pro]}", "plan")))
        .containsExactly(prefix(2, "BACKWARD", 1) + "field 'plan' drops enum values [\"free\"] without an upcaster");
    assertThat(check("BACKWARD", schema("plan: {type: string}", "plan"), ab))
        .containsExactly(prefix(2, "BACKWARD", 1) + "field 'plan' adds an enum [\"free\", \"pro\"] without an upcaster");
    assertThat(check("BACKWARD", schema("plan: {const: pro}", "plan"), ab)).as("a const is a one-value enum").isEmpty();
  }

  @Test
  void boundsMayLoosenButNotTighten() {
    String v1 = schema("id: {type: string, minLength: 1, maxLength: 64, pattern: '^o-'}, n: {type: integer, minimum: 0}", "id");

    assertThat(check("BACKWARD", v1,
        schema("id: {type: string, minLength: 0, maxLength: 128, pattern: '^o-'}, n: {type: integer}", "id"))).isEmpty();
    assertThat(check("BACKWARD", v1,
        schema("id: {type: string, minLength: 3, maxLength: 64, pattern: '^o-[0-9]'}, n: {type: integer, minimum: 0, maximum: 9}", "id")))
        .containsExactly(
            prefix(2, "BACKWARD", 1) + "field 'id' tightens minLength from 1 to 3 without an upcaster",
            prefix(2, "BACKWARD", 1) + "field 'id' changes pattern from \"^o-\" to \"^o-[0-9]\" without an upcaster",
            prefix(2, "BACKWARD", 1) + "field 'n' adds maximum 9 without an upcaster");
  }

  @Test
  void closingAnObjectIsNotBackward() {
    assertThat(check("BACKWARD",
        schema("id: {type: string}", "id"),
        "schema: {type: object, additionalProperties: false, properties: {id: {type: string}}, required: [id]}\n"))
        .containsExactly(prefix(2, "BACKWARD", 1) + "the payload closes its object to undeclared fields without an upcaster");
  }

  @Test
  void nestedFieldsAndArrayItemsAreFieldsToo() {
    String v1 = schema("customer: {type: object, properties: {id: {type: integer}}}, "
        + "lines: {type: array, items: {type: object, properties: {sku: {type: string}}}}", "");
    String v2 = schema("customer: {type: object, properties: {id: {type: string}}}, "
        + "lines: {type: array, items: {type: object, properties: {sku: {type: string}}, required: [sku]}}", "");

    assertThat(check("BACKWARD", v1, v2)).containsExactly(
        prefix(2, "BACKWARD", 1) + "field 'customer/id' changes type from integer to string without an upcaster",
        prefix(2, "BACKWARD", 1) + "field 'lines/*/sku' becomes required without an upcaster");
  }

  @Test
  void aKeywordTheCheckDoesNotUnderstandMustNotChange() {
    String v1 = schema("n: {oneOf: [{type: integer}, {type: string}]}", "");

    assertThat(check("BACKWARD", v1, v1)).isEmpty();
    assertThat(check("BACKWARD", v1, schema("n: {oneOf: [{type: integer}]}", "")))
        .containsExactly(prefix(2, "BACKWARD", 1) + "field 'n' changes keyword 'oneOf' (which the check does not compare) without an upcaster");
  }

  @Test
  void annotationsAndDeprecationsAreNoChange() {
    assertThat(check("FULL",
        schema("id: {type: string}, note: {type: string}", "id"),
        "schema: {type: object, title: Order, properties: {id: {type: string, description: The id., examples: [o-1]}, "
            + "note: {type: string, deprecated: true, x-pii: true}}, required: [id]}\n"
            + "deprecated: [{field: /note, since: 2026-01-31, reason: unused}]\n")).isEmpty();
  }

  // --- Java upcasters

  @Test
  void aJavaUpcasterExemptsItsStep() {
    String v1 = schema("n: {type: integer}", "n");
    String v2 = schema("twice: {type: integer}", "twice");

    assertThat(check("BACKWARD", v1, v2)).containsExactly(
        prefix(2, "BACKWARD", 1) + "field 'n' is removed without an upcaster",
        prefix(2, "BACKWARD", 1) + "field 'twice' is added as required without an upcaster");
    assertThat(check("BACKWARD", v1, v2 + "upcast: [{java: doubling}]")).isEmpty();
  }

  @Test
  void aJavaUpcasterDoesNothingForForward() {
    String v1 = schema("n: {type: integer}", "n");
    String v2 = schema("twice: {type: integer}", "twice") + "upcast: [{java: doubling}]";

    assertThat(check("FULL", v1, v2)).containsExactly(prefix(2, "FULL", 1) + "field 'n' is removed");
  }

  @Test
  void transitiveChecksGoThroughAJavaUpcastersVersion() {
    String v1 = schema("n: {type: integer}", "n");
    String v2 = schema("twice: {type: integer}", "twice") + "upcast: [{java: doubling}]";
    String v3 = schema("twice: {type: string}", "twice");

    assertThat(check("BACKWARD_TRANSITIVE", v1, v2, v3)).containsExactly(
        prefix(3, "BACKWARD_TRANSITIVE", 1) + "field 'twice' changes type from integer to string without an upcaster",
        prefix(3, "BACKWARD_TRANSITIVE", 2) + "field 'twice' changes type from integer to string without an upcaster");
    assertThat(check("BACKWARD", v1, v2, v3))
        .containsExactly(prefix(3, "BACKWARD", 2) + "field 'twice' changes type from integer to string without an upcaster");
  }

  @Test
  void transitiveBackwardFollowsEveryStep() {
    String v1 = schema("total: {type: integer}", "total");
    String v2 = schema("amount: {type: integer}", "amount") + "upcast: [{rename: /total, to: amount}]";
    String v3 = schema("amount: {type: integer}, currency: {type: string}", "amount, currency")
        + "upcast: [{add: /currency, value: EUR}]";

    assertThat(check("BACKWARD_TRANSITIVE", v1, v2, v3)).isEmpty();
  }

  // --- FORWARD: the older version reads the newer's events, as they are.

  @Test
  void forwardAllowsAddingAndRequiringButNotRemovingARequiredField() {
    String v1 = schema("id: {type: string}, note: {type: string}", "id");

    assertThat(check("FORWARD", v1, schema("id: {type: string}, note: {type: string}, extra: {type: integer}", "id, extra")))
        .isEmpty();
    assertThat(check("FORWARD", v1, schema("id: {type: string}, note: {type: string}", "id, note"))).isEmpty();
    assertThat(check("FORWARD", v1, schema("id: {type: string}", "id"))).as("an optional field may go").isEmpty();
    assertThat(check("FORWARD", v1, schema("note: {type: string}", "")))
        .containsExactly(prefix(2, "FORWARD", 1) + "field 'id' is removed");
    assertThat(check("FORWARD", v1, schema("id: {type: string}, note: {type: string}", "")))
        .containsExactly(prefix(2, "FORWARD", 1) + "field 'id' is no longer required");
  }

  @Test
  void forwardRefusesWideningAndLoosening() {
    assertThat(check("FORWARD", schema("n: {type: integer, maximum: 10}, plan: {enum: [free]}", "n"),
        schema("n: {type: number, maximum: 20}, plan: {enum: [free, pro]}", "n"))).containsExactly(
        prefix(2, "FORWARD", 1) + "field 'n' changes type from integer to number",
        prefix(2, "FORWARD", 1) + "field 'n' loosens maximum from 10 to 20",
        prefix(2, "FORWARD", 1) + "field 'plan' adds enum values [\"pro\"]");
    assertThat(check("FORWARD", schema("plan: {enum: [free]}", ""), schema("plan: {type: string}", "")))
        .containsExactly(prefix(2, "FORWARD", 1) + "field 'plan' drops its enum [\"free\"]");
  }

  @Test
  void forwardRefusesNewFieldsInAClosedObject() {
    assertThat(check("FORWARD",
        "schema: {type: object, additionalProperties: false, properties: {id: {type: string}}}\n",
        "schema: {type: object, properties: {id: {type: string}, note: {type: string}}}\n")).containsExactly(
        prefix(2, "FORWARD", 1) + "the payload opens its object to undeclared fields",
        prefix(2, "FORWARD", 1) + "field 'note' is added, but v1 does not allow undeclared fields");
  }

  @Test
  void forwardIgnoresUpcastSteps() {
    assertThat(check("FORWARD",
        schema("total: {type: integer}", "total"),
        schema("amount: {type: integer}", "amount") + "upcast: [{rename: /total, to: amount}]"))
        .containsExactly(prefix(2, "FORWARD", 1) + "field 'total' is removed");
  }

  @Test
  void transitiveForwardComparesWithEveryOlderVersion() {
    // n goes (optional, so FORWARD allows it), then comes back as another type.
    String v1 = schema("id: {type: string}, n: {type: integer}", "id");
    String v2 = schema("id: {type: string}", "id") + "upcast: [{remove: /n}]";
    String v3 = schema("id: {type: string}, n: {type: string}", "id");

    assertThat(check("FORWARD", v1, v2, v3)).isEmpty();
    assertThat(check("FORWARD_TRANSITIVE", v1, v2, v3))
        .containsExactly(prefix(3, "FORWARD_TRANSITIVE", 1) + "field 'n' changes type from integer to string");
    assertThat(check("FULL_TRANSITIVE", v1, v2, v3))
        .containsExactly(prefix(3, "FULL_TRANSITIVE", 1) + "field 'n' changes type from integer to string");
    assertThat(check("FULL", v1, v2, v3)).isEmpty();
  }

  // --- FULL and NONE

  @Test
  void fullIsBothDirectionsWithOneMessagePerProblem() {
    String v1 = schema("n: {type: integer}, note: {type: string}", "n");

    assertThat(check("FULL", v1, schema("n: {type: string}, note: {type: string}", "n")))
        .containsExactly(prefix(2, "FULL", 1) + "field 'n' changes type from integer to string");
    assertThat(check("FULL", v1, schema("n: {type: number}, note: {type: string}", "n")))
        .as("widening: fine backward, not forward")
        .containsExactly(prefix(2, "FULL", 1) + "field 'n' changes type from integer to number");
    assertThat(check("FULL", v1, schema("n: {type: integer}, note: {type: string}", "n, note")))
        .as("requiring: fine forward, not backward")
        .containsExactly(prefix(2, "FULL", 1) + "field 'note' becomes required");
  }

  @Test
  void noneChecksNothing() {
    assertThat(check("NONE", schema("n: {type: integer}", "n"), schema("n: {type: string}", "n"))).isEmpty();
  }

  @Test
  void breakingNamesTypeVersionFieldAndFile() {
    List<Breaking> breaking = CompatibilityCheck.check(TestingSchemas.load(TestingSchemas.type(dir, null,
        schema("amount_cents: {type: integer}", "amount_cents"),
        schema("amount_cents: {type: integer}, note: {type: string}", "amount_cents"),
        schema("amount_cents: {type: string}, note: {type: string}", "amount_cents"))));

    assertThat(breaking).containsExactly(
        new Breaking(TYPE, 3, "/amount_cents", TestingSchemas.versionFile(dir, 3),
            prefix(3, "BACKWARD_TRANSITIVE", 1) + "field 'amount_cents' changes type from integer to string without an upcaster"),
        new Breaking(TYPE, 3, "/amount_cents", TestingSchemas.versionFile(dir, 3),
            prefix(3, "BACKWARD_TRANSITIVE", 2) + "field 'amount_cents' changes type from integer to string without an upcaster"));
  }

  @Test
  void aBreakingThirdVersionOfTheShippedOrderPlaced() throws Exception {
    Path schemas = dir.resolve("schemas");
    for (String file : List.of("type.yaml", "v1.yaml", "v2.yaml")) {
      TestingSchemas.file(schemas, "order.placed/" + file,
          Files.readString(TestingSchemas.SHIPPED.resolve("order.placed/" + file)));
    }
    TestingSchemas.file(schemas, "order.placed/v3.yaml", """
        type: order.placed
        version: 3
        schema:
          type: object
          required: [amount_cents, currency]
          properties:
            order_id: {type: string}
            amount_cents: {type: string}
            currency: {type: string}
        """);

    assertThat(CompatibilityCheck.check(SchemaFiles.load(schemas))).extracting(Breaking::message).containsExactly(
        schemas.resolve("order.placed/v3.yaml") + ": order.placed v3 is not BACKWARD_TRANSITIVE compatible with v1: "
            + "field 'amount_cents' changes type from integer to string without an upcaster",
        schemas.resolve("order.placed/v3.yaml") + ": order.placed v3 is not BACKWARD_TRANSITIVE compatible with v2: "
            + "field 'amount_cents' changes type from integer to string without an upcaster");
  }
}
