package io.strata.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class SoakVerdictTest {
  /** A sample every 60 s over {@code minutes}; heap after GC from {@code heap}, full GCs so far from {@code full}. */
  private static List<SoakSample> samples(int minutes, java.util.function.IntToDoubleFunction heap, java.util.function.IntUnaryOperator full) {
    List<SoakSample> samples = new ArrayList<>();
    for (int m = 1; m <= minutes; m++) {
      samples.add(new SoakSample(m * 60.0, m * 1000L, m * 900L, heap.applyAsDouble(m), 2.0, m * 10L, full.applyAsInt(m),
          1800, 1e6 * m, 40.0 * m, 3, 40.0 * m, 0.5, 100, 200, 50, 10, 15));
    }
    return samples;
  }

  /** Freshness of 15 s for every sample, or {@code late} seconds from sample {@code from} on. */
  private static BiFunction<Integer, Integer, double[]> freshness(int from, double late) {
    return (a, b) -> {
      double[] v = new double[(b - a + 1) * 100];
      for (int i = 0; i < v.length; i++) {
        v[i] = a + i / 100 >= from ? late : 15.0;
      }
      return v;
    };
  }

  @Test
  void aFlatHeapNoFullGcSteadyFreshnessAndAnExactLakeHold() {
    // Noise of +-5% around 600 MiB, no trend.
    List<SoakSample> samples = samples(40, m -> 600 + (m % 3 - 1) * 30, m -> 0);
    SoakVerdict v = SoakVerdict.of(samples, 40 * 60, freshness(99, 0), true);
    assertThat(v.windowSeconds()).isEqualTo(600);
    // The low-water mark of each window decides; the medians are kept for the record.
    assertThat(v.heapFirstMiB()).isEqualTo(570);
    assertThat(v.heapLastMiB()).isEqualTo(570);
    assertThat(v.heapFirstMedianMiB()).isEqualTo(600);
    assertThat(v.heapLastMedianMiB()).isEqualTo(600);
    assertThat(v.heapFlat()).isTrue();
    assertThat(v.fullGcs()).isZero();
    assertThat(v.freshnessP99First()).isEqualTo(15);
    assertThat(v.freshnessP99Last()).isEqualTo(15);
    assertThat(v.passed()).isTrue();
  }

  @Test
  void aHeapThatGrowsByMoreThanTenPercentDoesNotHold() {
    // 500 MiB growing by 5 MiB a minute: from 505 in the first ten minutes, from 650 in the last.
    SoakVerdict v = SoakVerdict.of(samples(40, m -> 500 + 5 * m, m -> 0), 40 * 60, freshness(99, 0), true);
    assertThat(v.heapFirstMiB()).isEqualTo(505);
    assertThat(v.heapLastMiB()).isEqualTo(650);
    assertThat(v.heapRatio()).isCloseTo(650.0 / 505, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(v.heapFlat()).isFalse();
    assertThat(v.passed()).isFalse();
  }

  @Test
  void aSawtoothWhoseTroughsStayPutHolds() {
    // G1: old-generation garbage piles up between mixed collections (here a 5-minute cycle from 450 to
    // 1,250 MiB); the troughs, the live set, do not move.
    SoakVerdict v = SoakVerdict.of(samples(40, m -> 450 + 200 * (m % 5), m -> 0), 2400, freshness(99, 0), true);
    assertThat(v.heapFirstMiB()).isEqualTo(450);
    assertThat(v.heapLastMiB()).isEqualTo(450);
    assertThat(v.heapFlat()).isTrue();
  }

  @Test
  void oneFullGcOrWorseFreshnessOrAnInexactLakeFailsIt() {
    assertThat(SoakVerdict.of(samples(40, m -> 600, m -> m >= 35 ? 1 : 0), 2400, freshness(99, 0), true).passed()).isFalse();
    SoakVerdict late = SoakVerdict.of(samples(40, m -> 600, m -> 0), 2400, freshness(29, 17), true);
    assertThat(late.freshnessP99Last()).isEqualTo(17);
    assertThat(late.freshnessHeld()).isFalse();
    assertThat(SoakVerdict.of(samples(40, m -> 600, m -> 0), 2400, freshness(29, 16.4), true).freshnessHeld()).isTrue();
    assertThat(SoakVerdict.of(samples(40, m -> 600, m -> 0), 2400, freshness(99, 0), false).passed()).isFalse();
  }

  @Test
  void samplesOfTheDrainAfterTheLoadAreLeftOut() {
    // Load for 30 minutes, then 10 minutes of draining with a full GC: neither counts.
    List<SoakSample> samples = samples(40, m -> m > 30 ? 900 : 600, m -> m > 30 ? 1 : 0);
    SoakVerdict v = SoakVerdict.of(samples, 30 * 60, freshness(99, 0), true);
    assertThat(v.heapLastMiB()).isEqualTo(600);
    assertThat(v.fullGcs()).isZero();
  }

  @Test
  void aShortRunComparesThirds() {
    SoakVerdict v = SoakVerdict.of(samples(6, m -> 100 * m, m -> 0), 360, freshness(99, 0), true);
    assertThat(v.windowSeconds()).isEqualTo(120);
    assertThat(v.heapFirstMiB()).isEqualTo(100);
    assertThat(v.heapLastMiB()).isEqualTo(400);
    assertThatThrownBy(() -> SoakVerdict.of(List.of(), 360, freshness(99, 0), true))
        .hasMessageContaining("too few samples");
  }
}
