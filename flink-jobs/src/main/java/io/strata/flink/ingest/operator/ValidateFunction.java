package io.strata.flink.ingest.operator;

import static java.util.Objects.requireNonNull;

import io.strata.event.DecodeResult;
import io.strata.event.EnvelopeValidator;
import io.strata.event.EventEnvelope;
import io.strata.flink.ingest.sink.DeadLetter;
import io.strata.flink.ingest.source.RawRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses, validates and upcasts each raw record; rejects go to a side output with their reason.
 * Top-level fields that are not envelope fields are ignored (forward compatibility), counted, and named
 * in the log the first time each is seen.
 */
public final class ValidateFunction extends ProcessFunction<RawRecord, EventEnvelope> {
  public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};
  private static final Logger LOG = LoggerFactory.getLogger(ValidateFunction.class);
  private static final int MAX_NAMES_LOGGED = 20;

  private final EnvelopeValidator validator;
  private transient Counter accepted;
  private transient Counter rejected;
  private transient Counter withIgnoredFields;
  private transient Set<String> ignoredNamesLogged;

  public ValidateFunction(EnvelopeValidator validator) {
    this.validator = requireNonNull(validator, "validator is null");
  }

  @Override
  public void open(OpenContext openContext) {
    accepted = getRuntimeContext().getMetricGroup().counter("strataEventsValid");
    rejected = getRuntimeContext().getMetricGroup().counter("strataEventsDeadLettered");
    withIgnoredFields = getRuntimeContext().getMetricGroup().counter("strataEventsWithIgnoredFields");
    ignoredNamesLogged = new HashSet<>();
  }

  @Override
  public void processElement(RawRecord raw, Context ctx, Collector<EventEnvelope> out) {
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

  /** Names a field the first time it is seen (at most {@link #MAX_NAMES_LOGGED} names), so the log stays bounded. */
  private void logFirstSighting(List<String> names, RawRecord raw) {
    for (String name : names) {
      if (ignoredNamesLogged.size() < MAX_NAMES_LOGGED && ignoredNamesLogged.add(name)) {
        LOG.warn("events on {} carry a top-level field '{}' that is not an envelope field: accepted without it (not stored);"
            + " first seen at partition {} offset {}", raw.topic(), name, raw.partition(), raw.offset());
      }
    }
  }

  private void reject(RawRecord raw, String code, String reason, Context ctx) {
    rejected.inc();
    ctx.output(
        DEAD_LETTERS,
        new DeadLetter(raw.key(), raw.value(), code, reason, raw.topic(), raw.partition(), raw.offset()));
  }
}
