package io.strata.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.launcher.bench.LakeWatch.Commit;
import java.util.List;
import org.junit.jupiter.api.Test;

class SustainedTest {
  private static Commit commit(long atMillis, long totalRows) {
    return new Commit(atMillis, null, atMillis, totalRows, 4);
  }

  @Test
  void theWindowRunsFromTheFirstCommitToTheOneBeforeTheLast() {
    List<Commit> phase =
        List.of(commit(10_000, 50_000), commit(20_000, 450_000), commit(30_000, 850_000), commit(34_000, 900_000));
    Sustained s = Sustained.of(phase).orElseThrow();
    // 800,000 rows between t=10 s and t=30 s; the 50,000-row tail at 34 s is left out.
    assertThat(s.rowsPerSecond()).isEqualTo(40_000.0);
    assertThat(s.seconds()).isEqualTo(20.0);
    assertThat(s.commits()).isEqualTo(2);
  }

  @Test
  void fewerThanThreeCommitsGiveNoWindow() {
    assertThat(Sustained.of(List.of())).isEmpty();
    assertThat(Sustained.of(List.of(commit(1, 10), commit(2, 20)))).isEmpty();
  }
}
