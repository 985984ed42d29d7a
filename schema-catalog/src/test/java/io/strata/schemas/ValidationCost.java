package io.strata.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What validating a payload costs, per demo type and version: ns per {@link
 * SchemaCatalog#validatePayload(String, int, String)} (parse and validate, as the ingest job would call
 * it) and per {@link SchemaCatalog#validatePayload(String, int, JsonNode)} (validate only), over 1M
 * payloads each, after 200k to warm up. A measurement to print, not a test: run it by hand on a quiet
 * machine.
 *
 * <pre>
 * java -cp schema-catalog/target/classes:schema-catalog/target/test-classes:event-model/target/classes:$(deps) \
 *   io.strata.schemas.ValidationCost [schemas-folder] [payloads]
 * </pre>
 */
public final class ValidationCost {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ValidationCost() {}

  public static void main(String[] args) throws Exception {
    SchemaCatalog catalog = SchemaFiles.load(Path.of(args.length > 0 ? args[0] : "schemas"));
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    System.out.printf("%-16s %3s %12s %14s %14s%n", "type", "v", "payloads", "ns/validation", "ns/validation");
    System.out.printf("%-16s %3s %12s %14s %14s%n", "", "", "", "(String)", "(JsonNode)");
    for (String[] typeVersion : new String[][] {
        {"order.placed", "1"}, {"order.placed", "2"}, {"order.shipped", "1"}, {"user.signed_up", "1"},
        {"page.viewed", "1"}, {"payment.failed", "1"}}) {
      String type = typeVersion[0];
      int version = Integer.parseInt(typeVersion[1]);
      List<String> payloads = payloads(type, version, count);
      List<JsonNode> parsed = new ArrayList<>(payloads.size());
      for (String payload : payloads) {
        parsed.add(JSON.readTree(payload));
      }
      run(catalog, type, version, payloads.subList(0, Math.min(200_000, count)));
      double text = run(catalog, type, version, payloads);
      runParsed(catalog, type, version, parsed.subList(0, Math.min(200_000, count)));
      double tree = runParsed(catalog, type, version, parsed);
      System.out.printf("%-16s %3d %,12d %,14.0f %,14.0f%n", type, version, payloads.size(), text, tree);
    }
  }

  private static double run(SchemaCatalog catalog, String type, int version, List<String> payloads) {
    long invalid = 0;
    long start = System.nanoTime();
    for (String payload : payloads) {
      invalid += catalog.validatePayload(type, version, payload).isPresent() ? 1 : 0;
    }
    long elapsed = System.nanoTime() - start;
    if (invalid != 0) {
      throw new IllegalStateException(invalid + " generated payloads of " + type + " are not valid");
    }
    return (double) elapsed / payloads.size();
  }

  private static double runParsed(SchemaCatalog catalog, String type, int version, List<JsonNode> payloads) {
    long invalid = 0;
    long start = System.nanoTime();
    for (JsonNode payload : payloads) {
      invalid += catalog.validatePayload(type, version, payload).isPresent() ? 1 : 0;
    }
    long elapsed = System.nanoTime() - start;
    if (invalid != 0) {
      throw new IllegalStateException(invalid + " generated payloads of " + type + " are not valid");
    }
    return (double) elapsed / payloads.size();
  }

  /** Payloads as the event generator makes them (v1 orders as the pipeline tests send them). */
  private static List<String> payloads(String type, int version, int count) {
    Random random = new Random(7);
    List<String> payloads = new ArrayList<>(count);
    for (int sequence = 1; sequence <= count; sequence++) {
      ObjectNode payload = JSON.createObjectNode();
      switch (type + " v" + version) {
        case "order.placed v1" -> {
          payload.put("order_id", "o-" + sequence);
          payload.put("amount", random.nextInt(100_000) / 100.0);
        }
        case "order.placed v2" -> {
          payload.put("order_id", "o-" + sequence);
          payload.put("amount_cents", random.nextInt(100_000));
          payload.put("currency", "EUR");
        }
        case "order.shipped v1" -> payload.put("order_id", "o-" + random.nextInt(sequence + 1));
        case "user.signed_up v1" -> payload.put("plan", random.nextBoolean() ? "free" : "pro");
        case "page.viewed v1" -> payload.put("path", "/p/" + random.nextInt(500));
        default -> payload.put("error", "card_declined");
      }
      payloads.add(payload.toString());
    }
    return payloads;
  }
}
