package io.strata.launcher.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.launcher.memory.HeapPressure.Collection;
import org.junit.jupiter.api.Test;

class HeapPressureTest {
  private static final long MAX = 2L << 30;

  private static Collection full(long atMillis, double usedShare) {
    return new Collection(atMillis, 800, (long) (usedShare * MAX), MAX, true);
  }

  private static Collection young(long atMillis, long durationMillis, double usedShare) {
    return new Collection(atMillis, durationMillis, (long) (usedShare * MAX), MAX, false);
  }

  @Test
  void threeFullCollectionsInARowThatFreeNothingMeanTheHeapIsExhausted() {
    HeapPressure pressure = HeapPressure.defaults();
    assertThat(pressure.onCollection(full(1_000, 0.97))).isEmpty();
    assertThat(pressure.onCollection(full(2_000, 0.98))).isEmpty();
    assertThat(pressure.onCollection(full(3_000, 0.99)))
        .hasValue("3 full garbage collections in a row each left 95% or more of the 2.0 GiB heap in use (last: 2.0 GiB)");
  }

  @Test
  void aFullCollectionThatFreesEnoughResetsTheCount() {
    HeapPressure pressure = HeapPressure.defaults();
    pressure.onCollection(full(1_000, 0.97));
    pressure.onCollection(full(2_000, 0.97));
    assertThat(pressure.onCollection(full(3_000, 0.60))).isEmpty();
    assertThat(pressure.onCollection(full(4_000, 0.97))).isEmpty();
    assertThat(pressure.onCollection(full(5_000, 0.97))).isEmpty();
  }

  @Test
  void youngCollectionsBetweenFullOnesDoNotResetTheCount() {
    HeapPressure pressure = HeapPressure.defaults();
    pressure.onCollection(full(1_000, 0.97));
    pressure.onCollection(young(1_500, 5, 0.96));
    pressure.onCollection(full(2_000, 0.97));
    pressure.onCollection(young(2_500, 5, 0.50));
    assertThat(pressure.onCollection(full(3_000, 0.97))).isPresent();
  }

  @Test
  void collectingMoreThanHalfTheTimeWithAFullHeapIsThrashing() {
    HeapPressure pressure = HeapPressure.defaults();
    // A 400 ms pause every 600 ms for over a minute, each leaving the heap 96% full.
    String reason = null;
    for (long t = 0; t <= 70_000 && reason == null; t += 600) {
      reason = pressure.onCollection(young(t, 400, 0.96)).orElse(null);
    }
    assertThat(reason).startsWith("garbage collection took 6").contains("of the last 60 s and the heap is still 96% full");
  }

  @Test
  void busyCollectionWithRoomLeftIsNotExhaustion() {
    HeapPressure pressure = HeapPressure.defaults();
    for (long t = 0; t <= 120_000; t += 600) {
      assertThat(pressure.onCollection(young(t, 400, 0.40))).isEmpty();
    }
  }

  @Test
  void aBurstShorterThanTheWindowIsNotATrend() {
    HeapPressure pressure = HeapPressure.defaults();
    for (long t = 0; t <= 20_000; t += 100) {
      assertThat(pressure.onCollection(young(t, 90, 0.97))).isEmpty();
    }
  }
}
