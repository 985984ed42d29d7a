package io.strata.flink.views.source;

import io.strata.event.EventEnvelope;
import java.io.Serial;
import java.io.Serializable;

/** An event read from the hot log, with where it sits there. */
public record LogEvent(EventEnvelope event, int partition, long offset) implements Serializable {
  @Serial private static final long serialVersionUID = 1L;
}
