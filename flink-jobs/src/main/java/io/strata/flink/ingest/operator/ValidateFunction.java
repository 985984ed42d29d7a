package io.strata.flink.ingest.operator;

import static java.util.Objects.requireNonNull;

import io.strata.event.DecodeResult;
import io.strata.event.EnvelopeValidator;
import io.strata.event.EventEnvelope;
import io.strata.flink.ingest.sink.DeadLetter;
import io.strata.flink.ingest.source.RawRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Parses, validates and upcasts each raw record; rejects go to a side output with their reason. */
public final class ValidateFunction extends ProcessFunction<RawRecord, EventEnvelope> {
  public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

  private final EnvelopeValidator validator;
  private transient Counter accepted;
  private transient Counter rejected;

  public ValidateFunction(EnvelopeValidator validator) {
    this.validator = requireNonNull(validator, "validator is null");
  }

  @Override
  public void open(OpenContext openContext) {
    accepted = getRuntimeContext().getMetricGroup().counter("strataEventsValid");
    rejected = getRuntimeContext().getMetricGroup().counter("strataEventsDeadLettered");
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
      out.collect(valid.envelope());
    } else if (result instanceof DecodeResult.Invalid invalid) {
      reject(raw, invalid.rejection().code().name(), invalid.rejection().message(), ctx);
    }
  }

  private void reject(RawRecord raw, String code, String reason, Context ctx) {
    rejected.inc();
    ctx.output(
        DEAD_LETTERS,
        new DeadLetter(raw.key(), raw.value(), code, reason, raw.topic(), raw.partition(), raw.offset()));
  }
}
