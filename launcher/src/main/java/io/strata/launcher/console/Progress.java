package io.strata.launcher.console;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long command on stderr: a bar redrawn in place on a terminal, a plain line every
 * {@code quietSeconds} otherwise (logs, CI). Call {@link #update} as often as you like; it draws at
 * most a few times a second.
 */
public final class Progress {
  private static final int BAR = 30;

  private final String what;
  private final long total;
  private final PrintStream out;
  private final boolean terminal;
  private final long quietNanos;
  private long firstDone = -1;
  private long firstAt;
  private long lastDrawn;
  private long lastDrawnDone = -1;
  private boolean drawn;

  public Progress(String what, long total) {
    this(what, total, System.err, System.console() != null, 10);
  }

  Progress(String what, long total, PrintStream out, boolean terminal, int quietSeconds) {
    this.what = what;
    this.total = total;
    this.out = out;
    this.terminal = terminal;
    this.quietNanos = quietSeconds * 1_000_000_000L;
  }

  public void update(long done) {
    long now = System.nanoTime();
    if (firstDone < 0) {
      // The rate counts from the first update, not from construction: a count that starts high (rows
      // already in the lake when the watch begins) would otherwise read as millions per second.
      firstDone = done;
      firstAt = now;
    }
    if (drawn && now - lastDrawn < (terminal ? 250_000_000L : quietNanos) && done < total) {
      return;
    }
    drawn = true;
    lastDrawn = now;
    lastDrawnDone = done;
    String line = line(done, firstDone, (now - firstAt) / 1e9);
    if (terminal) {
      out.print("\r" + line);
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Draws the last state, unless that is what was drawn last; ends the bar's line on a terminal. */
  public void done(long done) {
    if (done == lastDrawnDone && !terminal) {
      return;
    }
    drawn = false;
    update(done);
    if (terminal) {
      out.println();
    }
  }

  /** The line for {@code done}, {@code seconds} after the first update, which stood at {@code from}. */
  String line(long done, long from, double seconds) {
    double share = total > 0 ? Math.min(1, (double) done / total) : 0;
    int filled = (int) Math.round(share * BAR);
    double rate = seconds > 0 ? (done - from) / seconds : 0;
    String eta = rate > 0 && done < total ? String.format(Locale.ROOT, ", %.0f s left", (total - done) / rate) : "";
    return String.format(Locale.ROOT, "%s [%s%s] %,d of %,d (%.0f%%) at %,.0f/s%s",
        what, "#".repeat(filled), ".".repeat(BAR - filled), done, total, share * 100, rate, eta);
  }
}
