package io.strata.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTest {
  @Test
  void nearestRankOverOneToAHundred() {
    double[] values = new double[100];
    for (int i = 0; i < 100; i++) {
      values[i] = 100 - i; // unsorted on purpose
    }
    Percentiles p = new Percentiles(values);
    assertThat(p.percentile(50)).isEqualTo(50);
    assertThat(p.percentile(99)).isEqualTo(99);
    assertThat(p.percentile(100)).isEqualTo(100);
    assertThat(p.percentile(0.5)).isEqualTo(1);
    assertThat(p.min()).isEqualTo(1);
    assertThat(p.max()).isEqualTo(100);
  }

  @Test
  void p99OfASmallSampleIsItsMaximum() {
    Percentiles p = new Percentiles(new double[] {3, 1, 2});
    assertThat(p.percentile(99)).isEqualTo(3);
    assertThat(p.percentile(50)).isEqualTo(2);
  }

  @Test
  void rejectsAnEmptySampleAndPercentilesOutOfRange() {
    assertThatThrownBy(() -> new Percentiles(new double[0])).hasMessage("no values");
    assertThatThrownBy(() -> new Percentiles(new double[] {1}).percentile(0)).hasMessageContaining("(0, 100]");
  }
}
