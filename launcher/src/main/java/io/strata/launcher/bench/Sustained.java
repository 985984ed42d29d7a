package io.strata.launcher.bench;

import io.strata.launcher.bench.LakeWatch.Commit;
import java.util.List;
import java.util.Optional;

/**
 * The lake's commit rate while the pipeline had a backlog: from the phase's first commit to the one
 * before its last. The first commit's rows came in before the window opens; the last commit holds
 * the tail after the backlog drained, timed by where the checkpoint fell rather than by the
 * pipeline's speed, so it is left out.
 *
 * @param rowsPerSecond rows committed per second in the window
 * @param seconds the window's length
 * @param commits commits that closed an interval of the window
 */
record Sustained(double rowsPerSecond, double seconds, int commits) {

  /** Empty when the phase has fewer than three commits: too few for a window. */
  static Optional<Sustained> of(List<Commit> phase) {
    if (phase.size() < 3) {
      return Optional.empty();
    }
    Commit first = phase.get(0);
    Commit last = phase.get(phase.size() - 2);
    double seconds = (last.timestampMillis() - first.timestampMillis()) / 1000.0;
    if (seconds <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        new Sustained((last.totalRecords() - first.totalRecords()) / seconds, seconds, phase.size() - 2));
  }
}
