package io.strata.flink.views.operator;

import io.strata.event.EventEnvelope;
import java.io.Serial;
import java.io.Serializable;

/**
 * An event on its way to one view: which projection (its index in the job's list), the tenant and the
 * view key.
 */
public record FoldInput(int projection, String tenant, String key, EventEnvelope event) implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  /** The keyed state's key: a view of one projection. */
  public static String stateKey(FoldInput input) {
    return input.projection + "\u0000" + input.tenant + "\u0000" + input.key;
  }
}
