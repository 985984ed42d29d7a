package io.strata.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.launcher.generate.GeneratedRecord;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The views the shipped projections must hold after a generated load, folded here independently of
 * the projection job and its folds: straight from the generator's records, first copies only, in send
 * order (which is hot-log order per entity).
 */
final class ReferenceViews {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);
  static final int TIMELINE_LIMIT = 20;

  /** A view: projection, tenant, key, the document expected and its revision (events folded). */
  record Expected(String projection, String tenant, String key, JsonNode document, long revision) {}

  private final Map<String, Expected> views = new LinkedHashMap<>();

  static ReferenceViews of(List<GeneratedRecord> records) throws IOException {
    ReferenceViews reference = new ReferenceViews();
    Map<String, ObjectNode> state = new LinkedHashMap<>();
    Map<String, Long> stateCount = new LinkedHashMap<>();
    Map<String, ObjectNode> last = new LinkedHashMap<>();
    Map<String, Long> counts = new LinkedHashMap<>();
    for (GeneratedRecord record : records) {
      if (record.kind() != GeneratedRecord.Kind.VALID) {
        continue;
      }
      JsonNode e = JSON.readTree(new String(record.value(), UTF_8));
      String tenant = e.get("tenant_id").asText();
      String entity = tenant + "\u0000" + e.get("entity_id").asText();
      String time = Instant.parse(e.get("event_time").asText()).toString();
      JsonNode payload = e.get("payload");
      ObjectNode merged = state.computeIfAbsent(entity, k -> JSON.createObjectNode());
      payload.fields().forEachRemaining(f -> merged.set(f.getKey(), f.getValue()));
      stateCount.merge(entity, 1L, Long::sum);
      ObjectNode newest = JSON.createObjectNode();
      newest.put("event_id", e.get("event_id").asText());
      newest.put("event_type", e.get("event_type").asText());
      newest.put("event_time", time);
      newest.set("payload", payload);
      last.put(entity, newest);
      String minute = MINUTE.format(Instant.parse(time).truncatedTo(ChronoUnit.MINUTES));
      counts.merge(tenant + "\u0000" + e.get("event_type").asText() + "/" + minute, 1L, Long::sum);
    }
    for (String entity : state.keySet()) {
      String[] parts = entity.split("\u0000", 2);
      long n = stateCount.get(entity);
      ObjectNode doc = JSON.createObjectNode();
      doc.set("state", state.get(entity));
      doc.put("events", n);
      doc.put("last_event_id", last.get(entity).get("event_id").asText());
      doc.put("last_event_type", last.get(entity).get("event_type").asText());
      doc.put("last_event_time", last.get(entity).get("event_time").asText());
      reference.add(new Expected("entity-state", parts[0], parts[1], reparse(doc), n));
    }
    timeline(records, "entity-timeline", TIMELINE_LIMIT, java.util.Set.of()).forEach(reference::add);
    for (var count : counts.entrySet()) {
      String[] parts = count.getKey().split("\u0000", 2);
      ObjectNode doc = JSON.createObjectNode();
      doc.put("count", count.getValue());
      reference.add(new Expected("events-per-minute", parts[0], parts[1], reparse(doc), count.getValue()));
    }
    return reference;
  }

  /**
   * The views of a timeline projection of {@code limit} events of the given types (all when empty), keyed
   * by entity: what a projection version with that logic must hold after the generator's records.
   */
  static List<Expected> timeline(List<GeneratedRecord> records, String projection, int limit, java.util.Set<String> types)
      throws IOException {
    Map<String, Deque<JsonNode>> timeline = new LinkedHashMap<>();
    Map<String, Long> counts = new LinkedHashMap<>();
    for (GeneratedRecord record : records) {
      if (record.kind() != GeneratedRecord.Kind.VALID) {
        continue;
      }
      JsonNode e = JSON.readTree(new String(record.value(), UTF_8));
      if (!types.isEmpty() && !types.contains(e.get("event_type").asText())) {
        continue;
      }
      String entity = e.get("tenant_id").asText() + "\u0000" + e.get("entity_id").asText();
      ObjectNode newest = JSON.createObjectNode();
      newest.put("event_id", e.get("event_id").asText());
      newest.put("event_type", e.get("event_type").asText());
      newest.put("event_time", Instant.parse(e.get("event_time").asText()).toString());
      newest.set("payload", e.get("payload"));
      Deque<JsonNode> events = timeline.computeIfAbsent(entity, k -> new ArrayDeque<>());
      events.addFirst(newest);
      if (events.size() > limit) {
        events.removeLast();
      }
      counts.merge(entity, 1L, Long::sum);
    }
    List<Expected> out = new java.util.ArrayList<>();
    for (var entity : timeline.entrySet()) {
      String[] parts = entity.getKey().split("\u0000", 2);
      ObjectNode doc = JSON.createObjectNode();
      ArrayNode list = doc.putArray("events");
      entity.getValue().forEach(list::add);
      doc.put("total", counts.get(entity.getKey()));
      out.add(new Expected(projection, parts[0], parts[1], reparse(doc), counts.get(entity.getKey())));
    }
    return out;
  }

  private void add(Expected expected) {
    views.put(expected.projection() + "/" + expected.tenant() + "/" + expected.key(), expected);
  }

  List<Expected> views() {
    return List.copyOf(views.values());
  }

  /** Numbers as a reader parses them back (an int stays an int), so documents compare as JSON. */
  static JsonNode reparse(JsonNode node) throws IOException {
    return JSON.readTree(node.toString());
  }
}
