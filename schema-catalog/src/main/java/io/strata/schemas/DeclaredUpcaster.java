package io.strata.schemas;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.event.EventEnvelope;
import io.strata.event.Upcaster;
import java.io.Serial;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The upcaster of a version whose file declares its steps: takes an event of version - 1 to this one.
 * Its refusals name the field, never a value (they become rejection reasons).
 */
final class DeclaredUpcaster implements Upcaster {
  @Serial private static final long serialVersionUID = 1L;

  // The codec's number handling (EnvelopeCodec.newObjectMapper): amounts pass through exactly as sent.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private final int version;
  private final List<UpcastStep> steps;

  DeclaredUpcaster(int version, List<UpcastStep> steps) {
    this.version = version;
    this.steps = List.copyOf(requireNonNull(steps, "steps is null"));
  }

  @Override
  public EventEnvelope upcast(EventEnvelope from) {
    if (steps.isEmpty()) {
      return from.upcastTo(version, from.payload());
    }
    JsonNode payload;
    try {
      payload = MAPPER.readTree(from.payload());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("payload is not valid JSON");
    }
    if (payload == null || !payload.isObject()) {
      throw new IllegalArgumentException("payload is not a JSON object");
    }
    ObjectNode object = (ObjectNode) payload;
    for (UpcastStep step : steps) {
      apply(step, object);
    }
    try {
      return from.upcastTo(version, MAPPER.writeValueAsString(object));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the upcast payload", e);
    }
  }

  private static void apply(UpcastStep step, ObjectNode payload) {
    if (step instanceof UpcastStep.Add add) {
      ObjectNode parent = parentOf(payload, add.field());
      String name = SchemaShape.lastSegment(add.field());
      if (parent != null && !parent.has(name)) {
        parent.set(name, add.value());
      }
    } else if (step instanceof UpcastStep.Rename rename) {
      ObjectNode parent = parentOf(payload, rename.field());
      String name = SchemaShape.lastSegment(rename.field());
      if (parent == null || !parent.has(name)) {
        return;
      }
      if (parent.has(rename.to())) {
        throw new IllegalArgumentException(
            "payload already has a field '" + SchemaShape.siblingPointer(rename.field(), rename.to()) + "'");
      }
      // Rebuilt in order: the renamed field keeps its place.
      Map<String, JsonNode> fields = new LinkedHashMap<>();
      parent.properties().forEach(f -> fields.put(f.getKey().equals(name) ? rename.to() : f.getKey(), f.getValue()));
      parent.removeAll();
      parent.setAll(fields);
    } else if (step instanceof UpcastStep.Move move) {
      ObjectNode source = parentOf(payload, move.field());
      String name = SchemaShape.lastSegment(move.field());
      if (source == null || !source.has(name)) {
        return;
      }
      ObjectNode target = payload;
      String path = "";
      List<String> segments = SchemaShape.segments(move.to());
      for (String segment : segments.subList(0, segments.size() - 1)) {
        path += "/" + SchemaShape.escape(segment);
        JsonNode next = target.get(segment);
        if (next == null) {
          next = target.putObject(segment);
        } else if (!next.isObject()) {
          throw new IllegalArgumentException("payload field '" + path + "' is not an object");
        }
        target = (ObjectNode) next;
      }
      String targetName = segments.get(segments.size() - 1);
      if (target.has(targetName)) {
        throw new IllegalArgumentException("payload already has a field '" + move.to() + "'");
      }
      target.set(targetName, source.remove(name));
    } else if (step instanceof UpcastStep.Remove remove) {
      ObjectNode parent = parentOf(payload, remove.field());
      if (parent != null) {
        parent.remove(SchemaShape.lastSegment(remove.field()));
      }
    } else {
      throw new IllegalStateException("not a declared step: " + step);
    }
  }

  /** The object holding the field at {@code pointer}, or null when it is absent or not an object. */
  private static ObjectNode parentOf(ObjectNode payload, String pointer) {
    List<String> segments = SchemaShape.segments(pointer);
    JsonNode at = payload;
    for (String segment : segments.subList(0, segments.size() - 1)) {
      at = at.get(segment);
      if (at == null || !at.isObject()) {
        return null;
      }
    }
    return (ObjectNode) at;
  }

  @Override
  public String toString() {
    return "DeclaredUpcaster[to v" + version + ", " + steps + "]";
  }
}
