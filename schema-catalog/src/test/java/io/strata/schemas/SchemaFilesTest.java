package io.strata.schemas;

import static io.strata.schemas.TestingSchemas.TYPE;
import static io.strata.schemas.TestingSchemas.file;
import static io.strata.schemas.TestingSchemas.load;
import static io.strata.schemas.TestingSchemas.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.config.FileKeyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaFilesTest {
  private static final String SCHEMA = """
      schema:
        type: object
        required: [id]
        properties:
          id: {type: string}
          n: {type: integer}
      """;

  @TempDir Path dir;

  @Test
  void everyKeyMaps() throws Exception {
    type(dir, "FULL", SCHEMA, SCHEMA.replace("n: {type: integer}", "total: {type: integer, default: 0}") + """
        deprecated:
          - {field: /id, since: 2026-01-31, reason: use the entity id}
        upcast:
          - remove: /n
          - add: /total
        """);

    SchemaCatalog catalog = load(dir);

    EventTypeSchema type = catalog.type(TYPE).orElseThrow();
    assertThat(type.name()).isEqualTo(TYPE);
    assertThat(type.owner()).isEqualTo("shop");
    assertThat(type.description()).isEqualTo("An order.");
    assertThat(type.compatibility()).isEqualTo(Compatibility.FULL);
    assertThat(type.file()).isEqualTo(dir.resolve(TYPE + "/type.yaml").toString());
    assertThat(type.latestVersion()).isEqualTo(2);
    SchemaVersion v2 = type.latest();
    assertThat(v2.file()).isEqualTo(TestingSchemas.versionFile(dir, 2));
    assertThat(v2.schema().at("/properties/total/default").intValue()).isZero();
    assertThat(v2.deprecated()).containsExactly(new DeprecatedField("/id", LocalDate.parse("2026-01-31"), "use the entity id"));
    assertThat(type.deprecated()).isEqualTo(v2.deprecated());
    assertThat(v2.upcast()).containsExactly(
        new UpcastStep.Remove("/n"), new UpcastStep.Add("/total", new ObjectMapper().readTree("0")));
    assertThat(type.version(1).orElseThrow().upcast()).isEmpty();
    assertThat(type.version(3)).isEmpty();
  }

  @Test
  void compatibilityDefaultsToBackwardTransitive() {
    type(dir, null, SCHEMA);

    assertThat(load(dir).type(TYPE).orElseThrow().compatibility()).isEqualTo(Compatibility.BACKWARD_TRANSITIVE);
  }

  @Test
  void hiddenEntriesAndOtherFilesAtTheTopAreLeftAlone() {
    type(dir, null, SCHEMA);
    file(dir, "README.md", "# schemas\n");
    file(dir, ".git/config", "x");
    file(dir, TYPE + "/.v3.yaml.swp", "x");

    assertThat(load(dir).types()).hasSize(1);
  }

  @Test
  void aFolderThatIsNotThere() {
    assertFails(dir.resolve("nope"), dir.resolve("nope").toString(), "(folder)", "does not exist or is not a folder");
  }

  @Test
  void aFolderWithoutTypes() {
    assertFails(dir, dir.toString(), "(folder)", "has no event types: one folder per type, with type.yaml and v1.yaml");
  }

  @Test
  void aYamlFileAtTheTop() {
    type(dir, null, SCHEMA);
    Path stray = file(dir, "order.yaml", "type: order\n");

    assertFails(dir, stray.toString(), "(file)",
        "an event type is a folder: " + dir.resolve("<type>/type.yaml") + " and " + dir.resolve("<type>/v1.yaml"));
  }

  @Test
  void aFolderNamedAfterNoType() {
    file(dir, "Shop Orders/type.yaml", "type: x\n");

    assertFails(dir, dir.resolve("Shop Orders").toString(), "(folder)",
        "'Shop Orders' is not an event type name: lower-case words of letters, digits and _, joined by dots");
  }

  @Test
  void aFolderNameThatIsNotTheTypeInTheFiles() {
    type(dir, null, SCHEMA);
    file(dir, TYPE + "/type.yaml", "type: shop.orders\nowner: shop\ndescription: An order.\n");

    assertFails(dir, dir.resolve(TYPE + "/type.yaml").toString(), "type",
        "is 'shop.orders', but the folder is 'shop.order': the folder of an event type is named after it");
  }

  @Test
  void aVersionOfAnotherType() {
    type(dir, null, "");
    file(dir, TYPE + "/v1.yaml", "type: shop.orders\nversion: 1\n" + SCHEMA);

    assertFails(dir, TestingSchemas.versionFile(dir, 1), "type", "is 'shop.orders', but this is a version of 'shop.order'");
  }

  @Test
  void aMissingTypeFile() throws Exception {
    type(dir, null, SCHEMA);
    Files.delete(dir.resolve(TYPE + "/type.yaml"));

    assertFails(dir, dir.resolve(TYPE + "/type.yaml").toString(), "(file)",
        "is missing: it names the type's owner and description");
  }

  @Test
  void filesThatDoNotBelongInATypeFolder() {
    for (String stray : List.of("notes.txt", "v1.yml", "v01.yaml", "v0.yaml", "v2-draft.yaml")) {
      Path typeDir = dir.resolve(stray.replace('.', '_'));
      type(typeDir, null, SCHEMA);
      Path file = file(typeDir, TYPE + "/" + stray, "x");

      assertFails(typeDir, file.toString(), "(file)",
          "unexpected here: an event type's folder holds type.yaml and v1.yaml, v2.yaml, ... only");
    }
  }

  @Test
  void noVersions() {
    type(dir, null);

    assertFails(dir, TestingSchemas.versionFile(dir, 1), "(file)", "is missing: a type has versions 1..N");
  }

  @Test
  void aMissingVersion() {
    type(dir, null, SCHEMA);
    file(dir, TYPE + "/v3.yaml", "type: " + TYPE + "\nversion: 3\n" + SCHEMA);

    assertFails(dir, TestingSchemas.versionFile(dir, 2), "(file)", "is missing: versions run 1..3 without gaps");
  }

  @Test
  void aVersionThatIsNotItsFileName() {
    type(dir, null, SCHEMA);
    file(dir, TYPE + "/v2.yaml", "type: " + TYPE + "\nversion: 3\n" + SCHEMA);

    assertFails(dir, TestingSchemas.versionFile(dir, 2), "version", "must be 2, as the file name says, got '3'");
  }

  @Test
  void yamlThatDoesNotParse() {
    type(dir, null, "schema: [unclosed\n");

    assertThatThrownBy(() -> load(dir))
        .isInstanceOf(FileKeyException.class)
        .hasMessageStartingWith(TestingSchemas.versionFile(dir, 1) + ": (file): is not valid YAML: ");
  }

  @Test
  void aKeyGivenTwice() {
    type(dir, null, SCHEMA + "schema: {type: object}\n");

    assertThatThrownBy(() -> load(dir))
        .isInstanceOf(FileKeyException.class)
        .hasMessageStartingWith(TestingSchemas.versionFile(dir, 1) + ": (file): is not valid YAML: Duplicate field 'schema'");
  }

  @Test
  void unknownKeys() {
    type(dir, null, SCHEMA + "owner: me\n");
    assertFails(dir, TestingSchemas.versionFile(dir, 1), "owner", "unknown key; known: deprecated, schema, type, upcast, version");

    file(dir, TYPE + "/type.yaml", "type: " + TYPE + "\nowner: shop\ndescription: d\nversion: 1\n");
    assertFails(dir, dir.resolve(TYPE + "/type.yaml").toString(), "version",
        "unknown key; known: compatibility, description, owner, type");
  }

  @Test
  void aTypeFileWithoutOwnerOrWithAnUnknownRule() {
    type(dir, null, SCHEMA);
    String typeFile = dir.resolve(TYPE + "/type.yaml").toString();

    file(dir, TYPE + "/type.yaml", "type: " + TYPE + "\ndescription: d\n");
    assertFails(dir, typeFile, "owner", "is required");

    file(dir, TYPE + "/type.yaml", "type: " + TYPE + "\nowner: shop\ndescription: d\ncompatibility: backward\n");
    assertFails(dir, typeFile, "compatibility", "must be one of BACKWARD, BACKWARD_TRANSITIVE, FORWARD, "
        + "FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE, got 'backward'");

    file(dir, TYPE + "/type.yaml", "- a list\n");
    assertFails(dir, typeFile, "(file)", "must be a YAML mapping with type, owner and description");
  }

  @Test
  void aVersionWithoutSchema() {
    type(dir, null, "deprecated: []\n");

    assertFails(dir, TestingSchemas.versionFile(dir, 1), "schema", "is required");
  }

  @Test
  void aSchemaThatIsNotAMapping() {
    type(dir, null, "schema: [object]\n");

    assertFails(dir, TestingSchemas.versionFile(dir, 1), "schema", "must be a mapping: the JSON Schema of the payload");
  }

  @Test
  void aSchemaThatIsNotJsonSchema() {
    type(dir, null, "schema: {type: object, properties: {n: {type: int}}}\n");

    assertFails(dir, TestingSchemas.versionFile(dir, 1), "schema/properties/n/type",
        "does not have a value in the enumeration [\"array\", \"boolean\", \"integer\", \"null\", \"number\", \"object\", \"string\"]");
  }

  @Test
  void aKeywordJsonSchemaDoesNotKnow() {
    type(dir, null, "schema: {type: object, properties: {n: {type: integer, requried: true}}}\n");

    assertFails(dir, TestingSchemas.versionFile(dir, 1), "schema/properties/n/requried",
        "is not a JSON Schema 2020-12 keyword (an extension must start with x-)");
  }

  @Test
  void anExtensionKeywordIsAllowed() {
    type(dir, null, "schema: {type: object, x-pii: [email], properties: {email: {type: string, x-pii: true}}}\n");

    assertThat(load(dir).types()).hasSize(1);
  }

  @Test
  void aSchemaThatIsNotOfAnObject() {
    type(dir, null, "schema: {type: array}\n");

    assertFails(dir, TestingSchemas.versionFile(dir, 1), "schema/type", "must be object: a payload is a JSON object");
  }

  @Test
  void aSchemaThatReachesOutside() {
    type(dir, null, "schema: {type: object, properties: {a: {$ref: 'https://example.com/a.json'}}}\n");
    assertFails(dir, TestingSchemas.versionFile(dir, 1), "schema/properties/a/$ref",
        "must point into this schema ('#/$defs/...'), got 'https://example.com/a.json'");

    type(dir, null, "schema: {$id: 'https://example.com/order', type: object}\n");
    assertFails(dir, TestingSchemas.versionFile(dir, 1), "schema/$id", "is not supported: a schema file must be self-contained");

    type(dir, null, "schema: {$schema: 'http://json-schema.org/draft-07/schema#', type: object}\n");
    assertFails(dir, TestingSchemas.versionFile(dir, 1), "schema/$schema",
        "must be https://json-schema.org/draft/2020-12/schema (or left out), got 'http://json-schema.org/draft-07/schema#'");
  }

  @Test
  void aSchemaWithALocalReferenceLoads() {
    type(dir, null, """
        schema:
          $schema: https://json-schema.org/draft/2020-12/schema
          type: object
          properties: {price: {$ref: '#/$defs/money'}}
          $defs: {money: {type: integer, minimum: 0}}
        """);

    SchemaCatalog catalog = load(dir);

    assertThat(catalog.validatePayload(TYPE, 1, "{\"price\":-1}")).map(PayloadViolation::reason)
        .hasValue("payload of shop.order v1 at /price: must be at least 0 (minimum)");
  }

  @Test
  void aSchemaThatDoesNotCompile() {
    type(dir, null, "schema: {type: object, properties: {a: {type: string, pattern: '(unclosed'}}}\n");
    assertFails(dir, TestingSchemas.versionFile(dir, 1), "schema/properties/a/pattern",
        "does not match the regex pattern must be a valid ECMA-262 regular expression");

    type(dir, null, "schema: {type: object, properties: {a: {$ref: '#/$defs/missing'}}}\n");
    assertThatThrownBy(() -> load(dir))
        .isInstanceOf(FileKeyException.class)
        .hasMessageStartingWith(TestingSchemas.versionFile(dir, 1) + ": schema: does not compile: ");
  }

  @Test
  void deprecationsThatDoNotFit() {
    String file = TestingSchemas.versionFile(dir, 1);
    type(dir, null, SCHEMA + "deprecated: [{field: /nope, since: 2026-01-31}]\n");
    assertFails(dir, file, "deprecated[0].field", "'/nope' is not a field of this version's schema");

    type(dir, null, SCHEMA + "deprecated: [{field: n, since: 2026-01-31}]\n");
    assertFails(dir, file, "deprecated[0].field", "must be a JSON pointer to a field, such as /amount or /customer/id, got 'n'");

    type(dir, null, SCHEMA + "deprecated: [{field: /n, since: 31.01.2026}]\n");
    assertFails(dir, file, "deprecated[0].since", "must be a date such as 2026-01-31, got '31.01.2026'");

    type(dir, null, SCHEMA + "deprecated: [{field: /n, since: 2026-02-30}]\n");
    assertFails(dir, file, "deprecated[0].since", "must be a date such as 2026-01-31, got '2026-02-30'");

    type(dir, null, SCHEMA + "deprecated: [{field: /n}]\n");
    assertFails(dir, file, "deprecated[0].since", "is required: the day the field was deprecated, such as 2026-01-31");

    type(dir, null, SCHEMA + "deprecated: [{field: /n, since: 2026-01-31, because: x}]\n");
    assertFails(dir, file, "deprecated[0].because", "unknown key; known: field, reason, since");

    type(dir, null, SCHEMA + "deprecated: [{field: /n, since: 2026-01-31}, {field: /n, since: 2026-02-01}]\n");
    assertFails(dir, file, "deprecated[1].field", "'/n' is deprecated twice");
  }

  @Test
  void upcastStepsThatDoNotFitThePreviousVersion() {
    String file = TestingSchemas.versionFile(dir, 2);
    type(dir, null, SCHEMA + "upcast: [{remove: /n}]\n");
    assertFails(dir, TestingSchemas.versionFile(dir, 1), "upcast", "v1 has no earlier version to upcast from: leave upcast out");

    type(dir, null, SCHEMA, SCHEMA + "upcast: [{rename: /count, to: total}]\n");
    assertFails(dir, file, "upcast[0]", "v1 has no field '/count' (steps run in order on v1 events)");

    type(dir, null, SCHEMA, SCHEMA + "upcast: [{move: /customer/id, to: /customer_id}]\n");
    assertFails(dir, file, "upcast[0]", "v1 has no field '/customer/id' (steps run in order on v1 events)");

    type(dir, null, SCHEMA, SCHEMA + "upcast: [{remove: /n}, {remove: /n}]\n");
    assertFails(dir, file, "upcast[1]", "v1 has no field '/n' (steps run in order on v1 events)");

    type(dir, null, SCHEMA, SCHEMA + "upcast: [{add: /n, value: 1}]\n");
    assertFails(dir, file, "upcast[0]", "v1 already has field '/n' (steps run in order on v1 events)");

    type(dir, null, SCHEMA, SCHEMA + "upcast: [{rename: /n, to: id}]\n");
    assertFails(dir, file, "upcast[0]", "v1 already has field '/id' (steps run in order on v1 events)");

    type(dir, null, SCHEMA, SCHEMA + "upcast: [{move: /id, to: /id/inner}]\n");
    assertFails(dir, file, "upcast[0]", "cannot move '/id' into itself ('/id/inner') (steps run in order on v1 events)");

    type(dir, null, SCHEMA, SCHEMA + "upcast: [{rename: /n, to: a/b}]\n");
    assertFails(dir, file, "upcast[0].to", "must be the new name of the field, not a pointer (use move), got 'a/b'");

    type(dir, null, SCHEMA, SCHEMA + "upcast: [{add: /total}]\n");
    assertFails(dir, file, "upcast[0].value",
        "is required: the value to give '/total' (or declare a default for it in this version's schema)");

    type(dir, null, SCHEMA, SCHEMA + "upcast: [{add: total, value: 0}]\n");
    assertFails(dir, file, "upcast[0].add", "must be a JSON pointer to a field, such as /amount or /customer/id, got 'total'");

    type(dir, null, SCHEMA, SCHEMA + "upcast: [{remove: /n, rename: /id}]\n");
    assertFails(dir, file, "upcast[0]", "must have exactly one of add, java, move, remove, rename, got remove, rename");

    type(dir, null, SCHEMA, SCHEMA + "upcast: [{drop: /n}]\n");
    assertFails(dir, file, "upcast[0]", "must have exactly one of add, java, move, remove, rename, got none");

    type(dir, null, SCHEMA, SCHEMA + "upcast: [{remove: /n, to: /x}]\n");
    assertFails(dir, file, "upcast[0].to", "unknown key; known: remove");

    type(dir, null, SCHEMA, SCHEMA + "upcast: {remove: /n}\n");
    assertFails(dir, file, "upcast", "must be a list of steps (add, rename, move, remove, or java)");
  }

  @Test
  void javaUpcastersByName() {
    String file = TestingSchemas.versionFile(dir, 2);
    type(dir, null, SCHEMA, SCHEMA + "upcast: [{java: tripling}]\n");
    assertFails(dir, file, "upcast[0].java", "no Java upcaster named 'tripling'; known: doubling");
    assertThatThrownBy(() -> SchemaFiles.load(dir, JavaUpcasters.none()))
        .hasMessage(file + ": upcast[0].java: no Java upcaster named 'tripling'; known: none");

    type(dir, null, SCHEMA, SCHEMA + "upcast: [{java: doubling}, {remove: /n}]\n");
    assertFails(dir, file, "upcast[0]", "a java step must be the only step of its version: it takes v1 events to v2 on its own");

    type(dir, null, SCHEMA, SCHEMA + "upcast: [{java: doubling}]\n");
    assertThat(load(dir).type(TYPE).orElseThrow().latest().upcast()).containsExactly(new UpcastStep.Java("doubling"));
  }

  @Test
  void theStandardUpcastersAreTheClasspathServices() {
    assertThat(JavaUpcasters.standard().names()).containsExactly("order-placed-amount-to-cents");
    assertThatThrownBy(() -> JavaUpcasters.standard().register(new io.strata.event.OrderPlacedAmountToCents()))
        .hasMessage("an upcaster named 'order-placed-amount-to-cents' is registered twice");
  }

  private static void assertFails(Path dir, String file, String key, String why) {
    assertThatThrownBy(() -> load(dir))
        .isInstanceOfSatisfying(FileKeyException.class, e -> {
          assertThat(e.file()).isEqualTo(file);
          assertThat(e.key()).isEqualTo(key);
        })
        .hasMessage(file + ": " + key + ": " + why);
  }
}
