package io.strata.launcher.bench;

import io.strata.event.DecodeResult;
import io.strata.event.EnvelopeValidator;
import io.strata.event.PayloadSchemas;
import io.strata.event.ValidationConfig;
import io.strata.launcher.generate.GeneratedRecord;
import io.strata.schemas.SchemaCatalog;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;

/**
 * What checking payloads against their JSON Schema costs the ingest job's validation step, measured on
 * one thread over the bench's own events: the validator with the catalog's schemas and without them
 * (decode, type and version, upcast alone), in alternating passes, the median of each.
 */
public final class PayloadValidationBenchmark {
  /**
   * @param events events validated in each pass
   * @param microsWithSchemas median time per event with payload schemas checked
   * @param microsWithout median time per event without
   */
  public record Result(long events, double microsWithSchemas, double microsWithout) {
    public double microsForSchemas() {
      return microsWithSchemas - microsWithout;
    }
  }

  private PayloadValidationBenchmark() {}

  public static Result run(RecordFile file, SchemaCatalog catalog, long maxEvents, int passes) throws IOException {
    ValidationConfig config = ValidationConfig.defaults();
    EnvelopeValidator with = new EnvelopeValidator(config, catalog.registry(), catalog);
    EnvelopeValidator without = new EnvelopeValidator(config, catalog.registry(), PayloadSchemas.NONE);
    // A pass of each first: the JIT compiles both paths before anything is timed.
    pass(file, with, maxEvents);
    pass(file, without, maxEvents);
    double[] on = new double[passes];
    double[] off = new double[passes];
    long events = 0;
    for (int i = 0; i < passes; i++) {
      long[] a = pass(file, with, maxEvents);
      long[] b = pass(file, without, maxEvents);
      on[i] = a[1] / 1e3 / a[0];
      off[i] = b[1] / 1e3 / b[0];
      events = a[0];
    }
    return new Result(events, median(on), median(off));
  }

  /** {events, nanos}; fails if any event is not valid (the bench sends only valid ones). */
  private static long[] pass(RecordFile file, EnvelopeValidator validator, long maxEvents) throws IOException {
    Iterator<GeneratedRecord> records = file.read();
    long n = 0;
    long started = System.nanoTime();
    while (records.hasNext() && n < maxEvents) {
      GeneratedRecord r = records.next();
      if (!(validator.validate(r.value()) instanceof DecodeResult.Valid)) {
        throw new IllegalStateException("a bench event did not validate: " + validator.validate(r.value()));
      }
      n++;
    }
    return new long[] {n, System.nanoTime() - started};
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
