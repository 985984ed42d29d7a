package io.strata.launcher.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Whether a soak run held steady: the heap after garbage collection in its last window within 10% of
 * its first (the window's low-water mark: G1 leaves old-generation garbage in place until its mixed
 * collections, so after a young collection the heap holds the live set plus whatever garbage has
 * aged since the last mixed one, a sawtooth; its troughs are the live set), no full collection, freshness p99 in the last window no more than 10% above the first,
 * and the lake exact at the end. Windows are the first and the last {@code window} seconds of the
 * steady load (10 minutes, or a third of a shorter run). Plain logic over the samples.
 *
 * @param windowSeconds the length of the first and the last window
 * @param heapFirstMiB the lowest heap after GC in the first window
 * @param heapLastMiB the same in the last window
 * @param heapFirstMedianMiB the median of the first window's samples (sawtooth included), for the record
 * @param heapLastMedianMiB the same of the last window's
 * @param fullGcs full collections during the steady load
 * @param freshnessP99First freshness p99 of the events committed in the first window, seconds
 * @param freshnessP99Last the same in the last window
 * @param lakeExact the lake held exactly the unique valid events sent (count and checksum)
 */
public record SoakVerdict(
    double windowSeconds,
    double heapFirstMiB,
    double heapLastMiB,
    double heapFirstMedianMiB,
    double heapLastMedianMiB,
    long fullGcs,
    double freshnessP99First,
    double freshnessP99Last,
    boolean lakeExact) {
  static final double TOLERANCE = 0.10;
  static final double MAX_WINDOW_SECONDS = 600;

  /**
   * @param samples in time order
   * @param sendSeconds when the steady load ended, on the samples' clock
   * @param freshness send-to-lake seconds of the events committed under samples {@code from} to
   *     {@code to}, inclusive, by sample index
   */
  static SoakVerdict of(
      List<SoakSample> samples, double sendSeconds, BiFunction<Integer, Integer, double[]> freshness, boolean lakeExact) {
    double window = Math.min(MAX_WINDOW_SECONDS, sendSeconds / 3);
    int firstEnd = -1;
    int lastStart = -1;
    int lastEnd = -1;
    for (int i = 0; i < samples.size(); i++) {
      double t = samples.get(i).seconds();
      if (t <= window) {
        firstEnd = i;
      }
      if (t >= sendSeconds - window && t <= sendSeconds + 1e-9) {
        lastStart = lastStart < 0 ? i : lastStart;
        lastEnd = i;
      }
    }
    if (firstEnd < 0 || lastStart < 0) {
      throw new IllegalArgumentException("too few samples for a first and a last window of " + window + " s");
    }
    long fullGcs = 0;
    for (SoakSample s : samples) {
      if (s.seconds() <= sendSeconds + 1e-9) {
        fullGcs = Math.max(fullGcs, s.fullGcs());
      }
    }
    return new SoakVerdict(
        window,
        min(samples.subList(0, firstEnd + 1)),
        min(samples.subList(lastStart, lastEnd + 1)),
        median(samples.subList(0, firstEnd + 1)),
        median(samples.subList(lastStart, lastEnd + 1)),
        fullGcs,
        p99(freshness.apply(0, firstEnd)),
        p99(freshness.apply(lastStart, lastEnd)),
        lakeExact);
  }

  @JsonProperty
  public double heapRatio() {
    return heapLastMiB / heapFirstMiB;
  }

  @JsonProperty
  public boolean heapFlat() {
    return Math.abs(heapRatio() - 1) <= TOLERANCE;
  }

  @JsonProperty
  public boolean freshnessHeld() {
    return freshnessP99Last <= freshnessP99First * (1 + TOLERANCE);
  }

  @JsonProperty
  public boolean passed() {
    return heapFlat() && fullGcs == 0 && freshnessHeld() && lakeExact;
  }

  private static double median(List<SoakSample> window) {
    double[] heap = heap(window);
    return heap.length == 0 ? Double.NaN : heap[heap.length / 2];
  }

  private static double min(List<SoakSample> window) {
    double[] heap = heap(window);
    return heap.length == 0 ? Double.NaN : heap[0];
  }

  private static double[] heap(List<SoakSample> window) {
    double[] heap = window.stream().mapToDouble(SoakSample::heapAfterGcMiB).filter(v -> !Double.isNaN(v)).toArray();
    Arrays.sort(heap);
    return heap;
  }

  private static double p99(double[] seconds) {
    return seconds.length == 0 ? Double.NaN : new Percentiles(seconds).percentile(99);
  }
}
