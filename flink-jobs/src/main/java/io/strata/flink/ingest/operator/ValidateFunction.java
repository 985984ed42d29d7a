package io.strata.flink.ingest.operator;

import static java.util.Objects.requireNonNull;

import io.strata.event.DecodeResult;
import io.strata.event.EnvelopeValidator;
import io.strata.event.EventEnvelope;
import io.strata.event.PayloadSchemas;
import io.strata.event.ValidationConfig;
import io.strata.flink.ingest.sink.DeadLetter;
import io.strata.flink.ingest.source.RawRecord;
import io.strata.schemas.CatalogRelease;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses, validates and upcasts each raw record against the schema catalog; rejects go to a side output
 * with their reason. The catalog is the one the job was built with until a newer release arrives on the
 * broadcast input (a higher generation): every subtask then validates with it, without a restart. The
 * release in use is broadcast state, so a restore from a checkpoint validates with the catalog of that
 * checkpoint (the records after it are read again, and what they became before is discarded with the
 * checkpoint's transactions). Top-level fields that are not envelope fields are ignored (forward
 * compatibility), counted, and named in the log the first time each is seen.
 */
public final class ValidateFunction extends BroadcastProcessFunction<RawRecord, CatalogRelease, EventEnvelope> {
  public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};
  /** The release in use, under {@link #CURRENT}. */
  public static final MapStateDescriptor<String, CatalogRelease> RELEASES =
      new MapStateDescriptor<>("schema-catalog", Types.STRING, TypeInformation.of(CatalogRelease.class));
  private static final String CURRENT = "current";
  private static final Logger LOG = LoggerFactory.getLogger(ValidateFunction.class);
  private static final int MAX_NAMES_LOGGED = 20;

  private final ValidationConfig config;
  private final CatalogRelease initial;
  private final boolean checkPayloads;
  private transient long generation;
  private transient EnvelopeValidator validator;
  private transient Counter accepted;
  private transient Counter rejected;
  private transient Counter withIgnoredFields;
  private transient Set<String> ignoredNamesLogged;

  /**
   * @param checkPayloads whether payloads are checked against their version's schema (the types and
   *     versions always are)
   */
  public ValidateFunction(ValidationConfig config, CatalogRelease initial, boolean checkPayloads) {
    this.config = requireNonNull(config, "config is null");
    this.initial = requireNonNull(initial, "initial is null");
    this.checkPayloads = checkPayloads;
  }

  @Override
  public void open(OpenContext openContext) {
    accepted = getRuntimeContext().getMetricGroup().counter("strataEventsValid");
    rejected = getRuntimeContext().getMetricGroup().counter("strataEventsDeadLettered");
    withIgnoredFields = getRuntimeContext().getMetricGroup().counter("strataEventsWithIgnoredFields");
    getRuntimeContext().getMetricGroup().gauge("strataSchemaGeneration", () -> generation);
    ignoredNamesLogged = new HashSet<>();
    use(initial);
  }

  @Override
  public void processElement(RawRecord raw, ReadOnlyContext ctx, Collector<EventEnvelope> out) throws Exception {
    CatalogRelease current = ctx.getBroadcastState(RELEASES).get(CURRENT);
    if (current != null && current.generation() != generation) {
      use(current);
    }
    if (raw.value() == null) {
      reject(raw, "EMPTY_RECORD", "record has no value", ctx);
      return;
    }
    DecodeResult result = validator.validate(raw.value());
    if (result instanceof DecodeResult.Valid valid) {
      accepted.inc();
      if (!valid.ignoredFields().isEmpty()) {
        withIgnoredFields.inc();
        logFirstSighting(valid.ignoredFields(), raw);
      }
      out.collect(valid.envelope());
    } else if (result instanceof DecodeResult.Invalid invalid) {
      reject(raw, invalid.rejection().code().name(), invalid.rejection().message(), ctx);
    }
  }

  @Override
  public void processBroadcastElement(CatalogRelease release, Context ctx, Collector<EventEnvelope> out) throws Exception {
    BroadcastState<String, CatalogRelease> state = ctx.getBroadcastState(RELEASES);
    CatalogRelease current = state.get(CURRENT);
    long have = current == null ? initial.generation() : current.generation();
    // The topic is read from its start: older releases come first and change nothing.
    if (release.generation() > have) {
      state.put(CURRENT, release);
      use(release);
    }
  }

  private void use(CatalogRelease release) {
    PayloadSchemas schemas = checkPayloads ? release.catalog() : PayloadSchemas.NONE;
    validator = new EnvelopeValidator(config, release.catalog().registry(), schemas);
    if (generation != release.generation()) {
      LOG.info("validating with schema catalog release {} ({} event types)", release.generation(), release.catalog().types().size());
    }
    generation = release.generation();
  }

  /** Names a field the first time it is seen (at most {@link #MAX_NAMES_LOGGED} names), so the log stays bounded. */
  private void logFirstSighting(List<String> names, RawRecord raw) {
    for (String name : names) {
      if (ignoredNamesLogged.size() < MAX_NAMES_LOGGED && ignoredNamesLogged.add(name)) {
        LOG.warn("events on {} carry a top-level field '{}' that is not an envelope field: accepted without it (not stored);"
            + " first seen at partition {} offset {}", raw.topic(), name, raw.partition(), raw.offset());
      }
    }
  }

  private void reject(RawRecord raw, String code, String reason, ReadOnlyContext ctx) {
    rejected.inc();
    ctx.output(
        DEAD_LETTERS,
        new DeadLetter(raw.key(), raw.value(), code, reason, raw.topic(), raw.partition(), raw.offset()));
  }
}
