package io.strata.launcher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The payload-validation comparison of a {@code strata bench} run: console lines, JSON, a BENCHMARKS.md row. */
public final class ValidationReport {
  static final String HEADING = "## Payload validation in ingest (`strata bench`)";
  static final String HEADER =
      "| date | commit | events | end to end ev/s, payloads checked (ceiling) | end to end ev/s, unchecked (ceiling)"
          + " | checked / unchecked | the same, each over its own ceiling | validation alone, us/event: checked / unchecked"
          + " | the schemas' share |\n"
          + "|---|---|---|---|---|---|---|---|---|";

  /**
   * @param ceilingWith the Kafka ceiling measured just before {@code withValidation}, on its stack
   * @param withValidation the run's end-to-end phase, payloads checked (the default)
   * @param ceilingWithout the ceiling on the second stack, measured just before {@code withoutValidation}
   * @param withoutValidation the same phases on a second stack with {@code strata.ingest.validate-payloads=false}
   * @param alone the validation step alone on one thread
   */
  public record Comparison(
      String date, String commit, long events, BenchResult.Rate ceilingWith, BenchResult.Rate withValidation,
      BenchResult.Rate ceilingWithout, BenchResult.Rate withoutValidation, PayloadValidationBenchmark.Result alone) {
    public double ratio() {
      return withValidation.eventsPerSecond() / withoutValidation.eventsPerSecond();
    }

    /** The ratio with each end-to-end rate over its own stack's ceiling: what is left when the machine's speed drifts. */
    public double ratioOverCeilings() {
      return (withValidation.eventsPerSecond() / ceilingWith.eventsPerSecond())
          / (withoutValidation.eventsPerSecond() / ceilingWithout.eventsPerSecond());
    }
  }

  private ValidationReport() {}

  public static void print(Comparison c, PrintStream out) {
    out.printf(Locale.ROOT, "%-46s %,10.0f events/s, payloads checked; %,.0f unchecked (x%.2f; over each stack's ceiling x%.2f)%n",
        "end to end, payload validation", c.withValidation().eventsPerSecond(), c.withoutValidation().eventsPerSecond(), c.ratio(),
        c.ratioOverCeilings());
    out.printf(Locale.ROOT, "%-46s %.2f us/event with the schemas, %.2f without: %.2f us for the schemas (%,d events, median of 3)%n",
        "validation alone, one thread", c.alone().microsWithSchemas(), c.alone().microsWithout(), c.alone().microsForSchemas(),
        c.alone().events());
  }

  public static void write(Comparison c, Path dir, Path markdown) {
    try {
      Files.createDirectories(dir);
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("validation.json").toFile(), c);
      MarkdownTable.appendRow(markdown, HEADING, HEADER, String.format(Locale.ROOT,
          "| %s | %s | %,d | %,.0f (%,.0f) | %,.0f (%,.0f) | %.2f | %.2f | %.2f / %.2f | %.2f us |",
          c.date().substring(0, 10), c.commit(), c.events(), c.withValidation().eventsPerSecond(),
          c.ceilingWith().eventsPerSecond(), c.withoutValidation().eventsPerSecond(), c.ceilingWithout().eventsPerSecond(),
          c.ratio(), c.ratioOverCeilings(), c.alone().microsWithSchemas(), c.alone().microsWithout(), c.alone().microsForSchemas()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
