package io.strata.event;

import java.io.Serializable;

/**
 * Rewrites an envelope of schema version n into version n+1 of the same event type, usually with
 * {@link EventEnvelope#upcastTo(int, String)}. It may throw to refuse an envelope; the exception
 * message becomes the rejection reason, so it must not contain payload contents.
 */
@FunctionalInterface
public interface Upcaster extends Serializable {
  EventEnvelope upcast(EventEnvelope from);
}
