package io.strata.launcher;

import io.strata.config.ConfigValues;
import io.strata.launcher.console.Progress;
import io.strata.launcher.dlq.DeadLetterFilter;
import io.strata.launcher.dlq.DeadLetterRecord;
import io.strata.launcher.dlq.DeadLetterReplay;
import io.strata.launcher.dlq.DeadLetterTopic;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata dlq}: the dead-letter topic, listed by reason and time, and replayed after a fix. */
@Command(
    name = "dlq",
    description = "Dead letters: list them by reason, event type and time; replay a selection through ingest after a fix.",
    subcommands = {DlqCommand.List.class, DlqCommand.Replay.class})
final class DlqCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("strata dlq: say which: list or replay (strata dlq --help)");
    return 2;
  }

  /** The selection both subcommands take. */
  static final class Selection {
    @Option(names = "--reason", split = ",", paramLabel = "CODE",
        description = "Only these reason codes, e.g. UNKNOWN_EVENT_TYPE,PAYLOAD_INVALID (default: all).")
    Set<String> reasons = Set.of();

    @Option(names = "--type", split = ",", paramLabel = "EVENT_TYPE", description = "Only letters of these event types (default: all).")
    Set<String> types = Set.of();

    @Option(names = "--since", paramLabel = "TIME",
        description = "Only records sent at or after this: an instant (2026-12-06T10:00:00Z) or a time ago (30m, 2h, 7d).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only records sent before this: an instant or a time ago.")
    String until;

    DeadLetterFilter filter() {
      return new DeadLetterFilter(reasons, time("--since", since), time("--until", until), types);
    }

    private static Optional<Instant> time(String option, String text) {
      if (text == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(Instant.parse(text));
      } catch (DateTimeParseException notAnInstant) {
        try {
          return Optional.of(Instant.now().minus(ConfigValues.parseDuration(option, text)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(option + " must be an instant such as 2026-12-06T10:00:00Z or a time ago such as 2h, got '" + text + "'");
        }
      }
    }
  }

  /** {@code strata dlq list}: counts by reason and type, and the letters themselves (never their payloads). */
  @Command(name = "list", description = {
      "List dead letters: how many by reason code and event type, then the first --show of them with their time,",
      "place in the dead-letter topic, reason and source. Payloads are never printed."})
  static final class List implements Callable<Integer> {
    @ArgGroup(exclusive = false)
    Selection selection = new Selection();

    @Option(names = "--show", defaultValue = "20", description = "How many letters to print (default: ${DEFAULT-VALUE}).")
    int show;

    @Option(names = "--bootstrap", defaultValue = "127.0.0.1:9092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--topic", defaultValue = "events.dlq", description = "The dead-letter topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Override
    public Integer call() {
      DeadLetterFilter filter;
      try {
        filter = selection.filter();
      } catch (IllegalArgumentException e) {
        System.err.println("strata dlq list: " + e.getMessage());
        return 2;
      }
      Map<String, Long> byReason = new TreeMap<>();
      Map<String, Long> byType = new TreeMap<>();
      java.util.List<DeadLetterRecord> shown = new ArrayList<>();
      DeadLetterTopic topics = new DeadLetterTopic(bootstrap);
      Progress progress = new Progress("reading " + topic, topics.size(topic));
      long scanned = topics.deadLetters(topic, letter -> {
        if (filter.accepts(letter)) {
          byReason.merge(letter.reasonCode(), 1L, Long::sum);
          byType.merge(letter.eventType().orElse("(none)"), 1L, Long::sum);
          if (shown.size() < show) {
            shown.add(letter);
          }
        }
      }, progress::update);
      progress.done(scanned);
      long selected = byReason.values().stream().mapToLong(Long::longValue).sum();
      System.out.println(selected + " of " + scanned + " dead letters selected");
      System.out.printf("%n%-26s %10s%n", "reason code", "letters");
      byReason.forEach((code, n) -> System.out.printf("%-26s %,10d%n", code, n));
      System.out.printf("%n%-26s %10s%n", "event type", "letters");
      byType.forEach((type, n) -> System.out.printf("%-26s %,10d%n", type, n));
      if (!shown.isEmpty()) {
        System.out.printf("%n%-24s %-12s %-22s %-18s %-22s %s%n", "sent at", "letter", "reason code", "event type", "source", "reason");
        for (DeadLetterRecord l : shown) {
          System.out.printf("%-24s %-12s %-22s %-18s %-22s %s%n", l.timestamp(), l.id(), l.reasonCode(), l.eventType().orElse("-"),
              l.sourceTopic() + "/" + l.sourcePartition() + "@" + l.sourceOffset(), l.reason());
        }
      }
      return 0;
    }
  }

  /** {@code strata dlq replay}: the selected letters sent through ingest again, each once ever. */
  @Command(name = "replay", description = {
      "Send the selected dead letters back through ingest, after a fix (a type registered, a schema relaxed). Each",
      "letter is replayed once, however often this runs: its id goes to a ledger topic in the same Kafka transaction",
      "as its record. Events that pass now land exactly once; the rest go to the dead-letter topic again with their",
      "new reason. --dry-run counts what would go."})
  static final class Replay implements Callable<Integer> {
    @ArgGroup(exclusive = false)
    Selection selection = new Selection();

    @Option(names = "--dry-run", description = "Count what would be replayed; send nothing.")
    boolean dryRun;

    @Option(names = "--bootstrap", defaultValue = "127.0.0.1:9092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--topic", defaultValue = "events.dlq", description = "The dead-letter topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--raw-topic", defaultValue = "events.raw", description = "Where replayed records go (default: ${DEFAULT-VALUE}).")
    String rawTopic;

    @Option(names = "--ledger-topic", defaultValue = "events.dlq.replayed",
        description = "The ledger of replayed letters (default: ${DEFAULT-VALUE}).")
    String ledgerTopic;

    @Override
    public Integer call() throws Exception {
      DeadLetterFilter filter;
      try {
        filter = selection.filter();
      } catch (IllegalArgumentException e) {
        System.err.println("strata dlq replay: " + e.getMessage());
        return 2;
      }
      Progress progress = new Progress("replaying from " + topic, new DeadLetterTopic(bootstrap).size(topic));
      DeadLetterReplay.Result result = new DeadLetterReplay(bootstrap, topic, rawTopic, ledgerTopic).replay(filter, dryRun, progress::update);
      progress.done(result.scanned());
      System.out.printf("%d of %d dead letters selected; %d replayed before (skipped); %d %s to %s%n", result.selected(),
          result.scanned(), result.alreadyReplayed(), result.replayed(), dryRun ? "would be replayed" : "replayed", rawTopic);
      return 0;
    }
  }
}
