package io.strata.launcher.generate;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.event.EnvelopeCodec;
import io.strata.event.EventEnvelope;
import io.strata.event.EventTypeRegistry;
import io.strata.event.StrataEventTypes;
import io.strata.launcher.generate.GeneratedRecord.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.UUID;

/**
 * Synthetic events over several types, tenants and entities, with resent duplicates and invalid records
 * mixed in, repeatable from a seed. It keeps what the pipeline must produce: the unique valid events'
 * checksum, the send order per entity, and the invalid records with their expected rejection.
 */
public final class EventGenerator implements Iterator<GeneratedRecord> {
  private static final EventTypeRegistry REGISTRY = StrataEventTypes.defaults();
  private static final String[] TYPES = {
    StrataEventTypes.ORDER_PLACED, StrataEventTypes.ORDER_SHIPPED, StrataEventTypes.USER_SIGNED_UP,
    StrataEventTypes.PAGE_VIEWED, StrataEventTypes.PAYMENT_FAILED
  };
  private static final String[] INVALID_KINDS = {
    "NOT_JSON", "MISSING_FIELD", "BAD_TIMESTAMP", "UNKNOWN_EVENT_TYPE", "UNKNOWN_SCHEMA_VERSION",
    "EMPTY_FIELD", "WRONG_TYPE"
  };

  private final GeneratorConfig config;
  private final boolean keepOrder;
  private final Random random;
  private final EnvelopeCodec codec = new EnvelopeCodec();
  private final ObjectMapper mapper = new ObjectMapper();
  private final List<GeneratedRecord> recentValid = new ArrayList<>();
  private final Map<String, List<String>> orderByEntity = new HashMap<>();
  private final EventChecksum checksum = new EventChecksum();
  private long produced;
  private long duplicates;
  private long invalid;
  private long sequence;

  public EventGenerator(GeneratorConfig config) {
    this(config, true);
  }

  /**
   * @param keepOrder whether to keep the event ids per entity for {@link #orderByEntity()}; a long run
   *     that does not check the order leaves it off, since it holds every event id
   */
  public EventGenerator(GeneratorConfig config, boolean keepOrder) {
    this.config = config;
    this.keepOrder = keepOrder;
    this.random = new Random(config.seed());
  }

  @Override
  public boolean hasNext() {
    return produced < config.count();
  }

  @Override
  public GeneratedRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    produced++;
    double roll = random.nextDouble();
    if (roll < config.invalidRatio()) {
      invalid++;
      return invalidRecord();
    }
    if (roll < config.invalidRatio() + config.duplicateRatio() && !recentValid.isEmpty()) {
      duplicates++;
      GeneratedRecord original = recentValid.get(random.nextInt(recentValid.size()));
      return new GeneratedRecord(Kind.DUPLICATE, original.key(), original.value(), null, original.sequence());
    }
    return validRecord();
  }

  private GeneratedRecord validRecord() {
    EventEnvelope event = newEvent();
    String entityKey = event.tenantId() + "/" + event.entityId();
    GeneratedRecord record =
        new GeneratedRecord(
            Kind.VALID, entityKey.getBytes(UTF_8), codec.encode(event), null, sequenceOf(event.eventId()));
    checksum.add(event.tenantId(), event.eventId(), event.payload());
    if (keepOrder) {
      orderByEntity.computeIfAbsent(entityKey, k -> new ArrayList<>()).add(event.eventId());
    }
    if (recentValid.size() < 1000) {
      recentValid.add(record);
    } else {
      recentValid.set(random.nextInt(recentValid.size()), record);
    }
    return record;
  }

  private EventEnvelope newEvent() {
    int typeIndex = random.nextInt(TYPES.length);
    String tenant = "tenant-" + random.nextInt(config.tenants());
    String entity = "entity-" + random.nextInt(config.entitiesPerTenant());
    long offsetMillis = (long) (random.nextDouble() * config.span().toMillis());
    Instant eventTime = config.start().plusMillis(offsetMillis);
    // The low half of the id is the event's sequence number in this run (see sequenceOf).
    String eventId = new UUID(random.nextLong(), sequence++).toString();
    ObjectNode payload = mapper.createObjectNode();
    switch (TYPES[typeIndex]) {
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
    return new EventEnvelope(
        eventId,
        TYPES[typeIndex],
        REGISTRY.latestVersion(TYPES[typeIndex]),
        tenant,
        entity,
        eventTime,
        null,
        "generator",
        "corr-" + eventId.substring(0, 8),
        null,
        entity,
        payload.toString());
  }

  private GeneratedRecord invalidRecord() {
    EventEnvelope base = newEvent();
    String code = INVALID_KINDS[(int) (invalid % INVALID_KINDS.length)];
    ObjectNode wire;
    try {
      wire = (ObjectNode) mapper.readTree(codec.encode(base));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    switch (code) {
      case "NOT_JSON" -> {
        String broken = "{\"event_id\": \"" + base.eventId() + "\", oops";
        return invalid(base, broken.getBytes(UTF_8), code);
      }
      case "MISSING_FIELD" -> wire.remove("tenant_id");
      case "BAD_TIMESTAMP" -> wire.put("event_time", "yesterday");
      case "UNKNOWN_EVENT_TYPE" -> wire.put("event_type", "no.such.type");
      case "UNKNOWN_SCHEMA_VERSION" -> wire.put("schema_version", 99);
      case "EMPTY_FIELD" -> wire.put("source", "");
      default -> wire.put("payload", "not an object");
    }
    return invalid(base, wire.toString().getBytes(UTF_8), code);
  }

  private static GeneratedRecord invalid(EventEnvelope base, byte[] value, String code) {
    String entityKey = base.tenantId() + "/" + base.entityId();
    return new GeneratedRecord(Kind.INVALID, entityKey.getBytes(UTF_8), value, code, sequenceOf(base.eventId()));
  }

  /** Unique valid events so far: what the hot log and the lake must hold. */
  public EventChecksum checksum() {
    return checksum;
  }

  /** Event ids per {@code tenant/entity}, in send order of their first copy (empty without keepOrder). */
  public Map<String, List<String>> orderByEntity() {
    return orderByEntity;
  }

  /** The position of a generated event among the events (valid or invalid) this run generated. */
  public static long sequenceOf(String eventId) {
    return UUID.fromString(eventId).getLeastSignificantBits();
  }

  public long produced() {
    return produced;
  }

  public long duplicates() {
    return duplicates;
  }

  public long invalid() {
    return invalid;
  }
}
