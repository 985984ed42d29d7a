package io.strata.launcher.dlq;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Which dead letters a listing or a replay takes: by reason code, by the time the original record was
 * sent ({@code since} inclusive, {@code until} exclusive), and by event type. Empty sets and times take all.
 */
public record DeadLetterFilter(Set<String> reasonCodes, Optional<Instant> since, Optional<Instant> until, Set<String> eventTypes) {
  public DeadLetterFilter {
    reasonCodes = Set.copyOf(requireNonNull(reasonCodes, "reasonCodes is null"));
    requireNonNull(since, "since is null");
    requireNonNull(until, "until is null");
    eventTypes = Set.copyOf(requireNonNull(eventTypes, "eventTypes is null"));
    if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
      throw new IllegalArgumentException("--since must be before --until, got " + since.get() + " and " + until.get());
    }
  }

  public static DeadLetterFilter all() {
    return new DeadLetterFilter(Set.of(), Optional.empty(), Optional.empty(), Set.of());
  }

  public boolean accepts(DeadLetterRecord letter) {
    return (reasonCodes.isEmpty() || reasonCodes.contains(letter.reasonCode()))
        && since.map(s -> !letter.timestamp().isBefore(s)).orElse(true)
        && until.map(u -> letter.timestamp().isBefore(u)).orElse(true)
        && (eventTypes.isEmpty() || letter.eventType().filter(eventTypes::contains).isPresent());
  }
}
