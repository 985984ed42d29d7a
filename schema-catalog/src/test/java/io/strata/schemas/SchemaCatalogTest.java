package io.strata.schemas;

import static io.strata.schemas.TestingSchemas.TYPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.config.FileKeyException;
import io.strata.event.EventEnvelope;
import io.strata.event.EventTypeRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaCatalogTest {
  private static final SchemaCatalog SHIPPED = SchemaFiles.load(TestingSchemas.SHIPPED);
  private static final String V1 = "schema: {type: object, properties: {n: {type: integer}, note: {type: string}}, required: [n]}\n";
  private static final String V2 = "schema: {type: object, properties: {twice: {type: integer}, note: {type: string}}, required: [twice]}\n"
      + "upcast: [{java: doubling}]\n";
  private static final String V3 = """
      schema:
        type: object
        required: [total]
        properties:
          total: {type: integer}
          currency: {type: string, default: EUR}
          meta: {type: object, properties: {note: {type: string}}}
      deprecated: [{field: /currency, since: 2026-01-31, reason: always EUR}]
      upcast:
        - rename: /twice
          to: total
        - add: /currency
        - move: /note
          to: /meta/note
      """;

  @TempDir Path dir;

  @Test
  void theJsonFormReadsBackAsTheSameCatalog() {
    SchemaCatalog catalog = TestingSchemas.load(TestingSchemas.type(dir, "FULL", V1, V2, V3));

    String json = catalog.toJson();
    SchemaCatalog read = SchemaCatalog.fromJson(json, JavaUpcasters.none().register(new TestingUpcasters.Doubling()));

    assertThat(read).isEqualTo(catalog);
    assertThat(read.toJson()).isEqualTo(json);
    assertThat(read.fingerprint()).isEqualTo(catalog.fingerprint());
    assertThat(read.type(TYPE).orElseThrow().version(3).orElseThrow().file()).isEqualTo(TestingSchemas.versionFile(dir, 3));

    SchemaCatalog shipped = SchemaCatalog.fromJson(SHIPPED.toJson());
    assertThat(shipped).isEqualTo(SHIPPED);
    assertThat(shipped.types()).isEqualTo(SHIPPED.types());
  }

  @Test
  void theJsonFormIsCheckedAsTheFilesAre() {
    String json = SHIPPED.toJson();

    assertThatThrownBy(() -> SchemaCatalog.fromJson(json, JavaUpcasters.none()))
        .isInstanceOf(FileKeyException.class)
        .hasMessage("../schemas/order.placed/v2.yaml: upcast[0].java: no Java upcaster named 'order-placed-amount-to-cents'; known: none");
    assertThatThrownBy(() -> SchemaCatalog.fromJson(json.replace("\"minimum\":0", "\"minimum\":\"zero\"")))
        .isInstanceOf(FileKeyException.class)
        .hasMessage("../schemas/order.placed/v1.yaml: schema/properties/amount/minimum: string found, number expected");
    assertThatThrownBy(() -> SchemaCatalog.fromJson("{\"format\":2,\"types\":[]}"))
        .hasMessage("(catalog JSON): format: must be 1, got '2'");
    assertThatThrownBy(() -> SchemaCatalog.fromJson("{\"format\":1,"))
        .hasMessageStartingWith("(catalog JSON): (file): is not valid JSON: ");
  }

  @Test
  void theFingerprintIsOfTheContent(@TempDir Path elsewhere) throws IOException {
    SchemaCatalog catalog = TestingSchemas.load(TestingSchemas.type(dir, null, V1));
    // The same content elsewhere, keys in another order.
    SchemaCatalog moved = TestingSchemas.load(TestingSchemas.type(elsewhere, null,
        "schema: {required: [n], properties: {note: {type: string}, n: {type: integer}}, type: object}\n"));
    SchemaCatalog changed = TestingSchemas.load(TestingSchemas.type(elsewhere.resolve("x"), null, V1.replace("string", "integer")));
    SchemaCatalog described = TestingSchemas.load(TestingSchemas.type(elsewhere.resolve("y"), "FULL", V1));

    assertThat(moved.fingerprint()).isEqualTo(catalog.fingerprint()).hasSize(64);
    assertThat(moved).isNotEqualTo(catalog);
    assertThat(changed.fingerprint()).isNotEqualTo(catalog.fingerprint());
    assertThat(described.fingerprint()).isNotEqualTo(catalog.fingerprint());
    assertThat(SchemaFiles.load(TestingSchemas.SHIPPED).fingerprint()).isEqualTo(SHIPPED.fingerprint());
    assertThat(Files.exists(elsewhere)).isTrue();
  }

  @Test
  void aSerializedCatalogWorksOnTheOtherSide() throws Exception {
    SchemaCatalog catalog = TestingSchemas.load(TestingSchemas.type(dir, null, V1, V2, V3));
    catalog.validatePayload(TYPE, 1, "{}"); // compiled validators are not part of it

    SchemaCatalog copy = roundTrip(catalog);

    assertThat(copy).isEqualTo(catalog);
    assertThat(copy.validatePayload(TYPE, 1, "{\"n\":\"x\"}")).map(PayloadViolation::reason)
        .hasValue("payload of shop.order v1 at /n: integer expected, got string (type)");
    EventEnvelope v1 = envelope(1, "{\"n\":21,\"note\":\"hi\"}");
    assertThat(copy.registry().upcastToLatest(v1).payload())
        .isEqualTo("{\"total\":42,\"currency\":\"EUR\",\"meta\":{\"note\":\"hi\"}}");
    assertThat(roundTrip(SHIPPED)).isEqualTo(SHIPPED);
  }

  @Test
  void theRegistryRunsTheDeclaredAndTheJavaSteps() throws Exception {
    SchemaCatalog catalog = TestingSchemas.load(TestingSchemas.type(dir, null, V1, V2, V3));
    EventTypeRegistry registry = catalog.registry();

    assertThat(registry.eventTypes()).containsExactly(TYPE);
    assertThat(registry.knownVersions(TYPE)).containsExactly(1, 2, 3);
    assertThat(registry).isSameAs(catalog.registry());
    EventEnvelope v3 = registry.upcastToLatest(envelope(1, "{\"n\":21,\"note\":\"hi\"}"));
    assertThat(v3.schemaVersion()).isEqualTo(3);
    assertThat(v3.payload()).isEqualTo("{\"total\":42,\"currency\":\"EUR\",\"meta\":{\"note\":\"hi\"}}");
    assertThat(catalog.validatePayload(TYPE, 3, v3.payload())).isEmpty();
    assertThat(registry.upcastToLatest(envelope(2, "{\"twice\":4}")).payload()).isEqualTo("{\"total\":4,\"currency\":\"EUR\"}");
    // The registry itself travels inside the ingest job.
    EventTypeRegistry copy = roundTrip(registry);
    assertThat(copy.upcastToLatest(envelope(1, "{\"n\":1}")).payload()).isEqualTo("{\"total\":2,\"currency\":\"EUR\"}");
  }

  @Test
  void describesItself() {
    assertThat(SHIPPED.toString()).isEqualTo(
        "SchemaCatalog[order.placed v1..2, order.shipped v1..1, page.viewed v1..1, payment.failed v1..1, user.signed_up v1..1]");
    assertThat(SHIPPED.type("nope")).isEmpty();
    assertThat(SHIPPED.type("order.placed").orElseThrow().description()).isEqualTo("A customer placed an order.");
  }

  static EventEnvelope envelope(int version, String payload) {
    return new EventEnvelope("e-1", TYPE, version, "acme", "o-1", Instant.parse("2026-01-31T10:00:00Z"), null, "shop",
        "c-1", null, "o-1", payload);
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T object) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
