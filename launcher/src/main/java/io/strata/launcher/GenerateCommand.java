package io.strata.launcher;

import io.strata.launcher.console.Progress;
import io.strata.launcher.generate.EventGenerator;
import io.strata.launcher.generate.GeneratorConfig;
import io.strata.launcher.generate.GeneratorRun;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata generate}: sends synthetic events to the raw topic. */
@Command(name = "generate", description = "Send synthetic events (with duplicates and invalid ones) to the raw topic.")
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--bootstrap", defaultValue = "127.0.0.1:9092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
  String bootstrap;

  @Option(names = "--topic", defaultValue = "events.raw", description = "Raw topic (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(names = {"-n", "--count"}, defaultValue = "10000", description = "Records to send (default: ${DEFAULT-VALUE}).")
  long count;

  @Option(names = "--rate", defaultValue = "0", description = "Records per second, 0 for as fast as possible (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--duplicate-ratio", defaultValue = "0.05", description = "Share of resent duplicates (default: ${DEFAULT-VALUE}).")
  double duplicateRatio;

  @Option(names = "--invalid-ratio", defaultValue = "0.01", description = "Share of invalid records (default: ${DEFAULT-VALUE}).")
  double invalidRatio;

  @Option(names = "--tenants", defaultValue = "5", description = "Tenants (default: ${DEFAULT-VALUE}).")
  int tenants;

  @Option(names = "--entities", defaultValue = "200", description = "Entities per tenant (default: ${DEFAULT-VALUE}).")
  int entities;

  @Option(names = "--days", defaultValue = "3", description = "Event times spread over the last N days (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    GeneratorConfig config =
        new GeneratorConfig(
            count, duplicateRatio, invalidRatio, tenants, entities,
            now.minus(Duration.ofDays(days)), Duration.ofDays(days), seed);
    // Without the order per entity: it would hold every event id, and this command does not check it.
    EventGenerator generator = new EventGenerator(config, false);
    long started = System.nanoTime();
    Progress progress = new Progress("sending", count);
    GeneratorRun.send(generator, bootstrap, topic, rate, (index, record, millis) -> progress.update(index));
    progress.done(count);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "sent %d records to %s in %.1f s: %d unique valid, %d resent duplicates, %d invalid%n",
        generator.produced(), topic, seconds, generator.checksum().count(), generator.duplicates(),
        generator.invalid());
    System.out.printf("checksum of the unique valid events (count:sum): %s%n", generator.checksum().value());
    return 0;
  }
}
