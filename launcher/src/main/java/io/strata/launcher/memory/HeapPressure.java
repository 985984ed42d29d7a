package io.strata.launcher.memory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides, from the garbage collections as they end, when the heap has really run out: the JVM would
 * otherwise go on collecting back to back for minutes (G1 throws OutOfMemoryError only when a full
 * collection frees nearly nothing), with the pipeline crawling. Two signs, either enough:
 *
 * <ul>
 *   <li>{@code fullCollections} full collections in a row that each left more than {@code usedLimit} of
 *       the heap in use;
 *   <li>collections took more than {@code gcShareLimit} of the wall time over the last
 *       {@code windowMillis}, and the last one left more than {@code usedLimit} in use.
 * </ul>
 *
 * Plain logic, fed by {@link MemoryWatchdog}; times are passed in. Not thread-safe: one caller.
 */
public final class HeapPressure {
  /**
   * One collection as it ended.
   *
   * @param endMillis when it ended, on any monotonic millisecond clock
   * @param durationMillis how long it took
   * @param usedAfter heap bytes in use after it
   * @param maxHeap the heap's maximum
   * @param full whether it was a full collection
   */
  public record Collection(long endMillis, long durationMillis, long usedAfter, long maxHeap, boolean full) {
    double usedShare() {
      return (double) usedAfter / maxHeap;
    }
  }

  private final double usedLimit;
  private final int fullCollections;
  private final double gcShareLimit;
  private final long windowMillis;
  private final Deque<Collection> recent = new ArrayDeque<>();
  private int fullInARow;

  public HeapPressure(double usedLimit, int fullCollections, double gcShareLimit, long windowMillis) {
    if (usedLimit <= 0 || usedLimit > 1 || gcShareLimit <= 0 || gcShareLimit > 1) {
      throw new IllegalArgumentException("limits are shares in (0, 1]");
    }
    if (fullCollections < 1 || windowMillis < 1) {
      throw new IllegalArgumentException("fullCollections and windowMillis must be positive");
    }
    this.usedLimit = usedLimit;
    this.fullCollections = fullCollections;
    this.gcShareLimit = gcShareLimit;
    this.windowMillis = windowMillis;
  }

  /** The defaults of {@code strata up}: 3 full collections above 95%, or GC over half the last minute. */
  public static HeapPressure defaults() {
    return new HeapPressure(0.95, 3, 0.5, 60_000);
  }

  /** Takes the collection that just ended; says why the heap is exhausted, if it is. */
  public Optional<String> onCollection(Collection c) {
    recent.addLast(c);
    while (!recent.isEmpty() && recent.peekFirst().endMillis() < c.endMillis() - windowMillis) {
      recent.removeFirst();
    }
    boolean high = c.usedShare() > usedLimit;
    if (c.full()) {
      fullInARow = high ? fullInARow + 1 : 0;
    }
    if (fullInARow >= fullCollections) {
      return Optional.of(String.format(Locale.ROOT,
          "%d full garbage collections in a row each left %.0f%% or more of the %s heap in use (last: %s)",
          fullInARow, usedLimit * 100, size(c.maxHeap()), size(c.usedAfter())));
    }
    long gcMillis = recent.stream().mapToLong(Collection::durationMillis).sum();
    // Only once the window has filled: a short burst at start-up is not a trend.
    boolean windowFull = c.endMillis() - recent.peekFirst().endMillis() + recent.peekFirst().durationMillis() >= windowMillis;
    if (high && windowFull && gcMillis > gcShareLimit * windowMillis) {
      return Optional.of(String.format(Locale.ROOT,
          "garbage collection took %.0f%% of the last %d s and the heap is still %.0f%% full (%s of %s)",
          100.0 * gcMillis / windowMillis, windowMillis / 1000, c.usedShare() * 100, size(c.usedAfter()),
          size(c.maxHeap())));
    }
    return Optional.empty();
  }

  static String size(long bytes) {
    return bytes >= 1L << 30
        ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
        : String.format(Locale.ROOT, "%d MiB", bytes >> 20);
  }
}
