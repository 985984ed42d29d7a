package io.strata.launcher.memory;

import java.util.Optional;

/**
 * Stops this JVM with a clear message when its heap has run out ({@link HeapPressure}), instead of
 * letting it thrash in back-to-back garbage collections. Stopping hard is safe: every job resumes from
 * its last completed checkpoint on the next start, exactly once (the same as after {@code kill -9}).
 */
public final class MemoryWatchdog {
  /** The exit status of a stop for lack of memory. */
  public static final int EXIT_STATUS = 3;

  private MemoryWatchdog() {}

  /**
   * @param command what the user ran, for the advice (e.g. {@code up})
   */
  public static void install(String command) {
    install(command, HeapPressure.defaults());
  }

  /** With other limits (tests reach them without filling a heap to the brim). */
  public static void install(String command, HeapPressure pressure) {
    GcNotifications.listen(
        collection -> {
          Optional<String> exhausted;
          synchronized (pressure) {
            exhausted = pressure.onCollection(collection);
          }
          exhausted.ifPresent(reason -> stop(reason, command, collection.maxHeap()));
        });
  }

  private static void stop(String reason, String command, long maxHeap) {
    System.err.println();
    System.err.println("strata " + command + ": out of memory: " + reason + ".");
    System.err.println("strata " + command + ": stopping now rather than thrash; the jobs resume from their last"
        + " checkpoint on the next start, nothing lost or doubled.");
    System.err.println("strata " + command + ": give it a larger heap, e.g. STRATA_HEAP="
        + Math.max(2, 2 * Math.round(maxHeap / (double) (1L << 30))) + "g bin/strata " + command
        + " (this run: " + HeapPressure.size(maxHeap) + ").");
    System.err.flush();
    Runtime.getRuntime().halt(EXIT_STATUS);
  }
}
