package io.strata.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.event.EventEnvelope;
import io.strata.views.fold.Fold;
import io.strata.views.fold.FoldFactory;
import io.strata.views.fold.FoldParameters;
import io.strata.views.fold.LatestStateFold;
import java.io.Serial;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A custom fold for ViewsIT, found through META-INF/services like a user's: latest-state, except that
 * the task folding its {@code fail-at}-th event (counted across the JVM) throws once, as a task failure
 * in the middle of a run. The job then restarts from its last checkpoint; the views must come out exact.
 */
public final class FailOnceFold implements FoldFactory {
  static final AtomicLong FOLDED = new AtomicLong();
  static final AtomicBoolean FAILED = new AtomicBoolean();

  @Override
  public String name() {
    return "fail-once-latest-state";
  }

  @Override
  public Fold create(FoldParameters parameters) {
    parameters.rejectUnknown(Set.of("fail-at"));
    return new Failing(parameters.integer("fail-at", 10_000, 1, Integer.MAX_VALUE));
  }

  private static final class Failing implements Fold {
    @Serial private static final long serialVersionUID = 1L;
    private final long failAt;
    private final LatestStateFold latest = new LatestStateFold();

    Failing(long failAt) {
      this.failAt = failAt;
    }

    @Override
    public ObjectNode apply(ObjectNode view, EventEnvelope event, JsonNode payload) {
      if (FOLDED.incrementAndGet() >= failAt && FAILED.compareAndSet(false, true)) {
        throw new IllegalStateException("injected task failure at event " + failAt + " (FailOnceFold)");
      }
      return latest.apply(view, event, payload);
    }
  }
}
