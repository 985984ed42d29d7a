package io.strata.launcher.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.launcher.metrics.LakeCommitStats.Commit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LakeCommitStatsTest {
  static Commit append(long files, long records) {
    return new Commit("append", Map.of("added-data-files", String.valueOf(files), "added-records", String.valueOf(records), "total-records", "999"));
  }

  /** An append that added nothing: Flink's committer makes one after a run of empty checkpoints. */
  static Commit emptyAppend() {
    return new Commit("append", Map.of("total-records", "999", "total-data-files", "12"));
  }

  static Commit compaction(long files) {
    return new Commit("replace", Map.of("added-data-files", String.valueOf(files), "deleted-data-files", "40"));
  }

  @Test
  void aTableWithoutSnapshotsHasNoCommitFigures() {
    LakeCommitStats stats = LakeCommitStats.of(0, List.of());
    assertThat(stats.commits()).isZero();
    assertThat(stats.lastCommitDataFiles()).isNaN();
    assertThat(stats.lastCommitRecords()).isNaN();
    assertThat(stats.dataFilesPerCommit()).isNaN();
  }

  @Test
  void theLastCommitIsTheCurrentSnapshotAndTheMeanIsOverAppends() {
    LakeCommitStats stats = LakeCommitStats.of(5, List.of(append(4, 1000), append(2, 300), append(6, 2000)));
    assertThat(stats).isEqualTo(new LakeCommitStats(5, 4, 1000, 4.0));
  }

  @Test
  void aSnapshotWithoutAddedFilesCountsAsZero() {
    LakeCommitStats stats = LakeCommitStats.of(3, List.of(emptyAppend(), append(3, 10), append(3, 10)));
    assertThat(stats.lastCommitDataFiles()).isZero();
    assertThat(stats.lastCommitRecords()).isZero();
    assertThat(stats.dataFilesPerCommit()).isEqualTo(2.0);
  }

  @Test
  void otherOperationsAreTheLastCommitButNotInTheMean() {
    LakeCommitStats stats = LakeCommitStats.of(3, List.of(compaction(2), append(8, 10), append(4, 10)));
    assertThat(stats.lastCommitDataFiles()).isEqualTo(2);
    assertThat(stats.lastCommitRecords()).isZero();
    assertThat(stats.dataFilesPerCommit()).isEqualTo(6.0);

    assertThat(LakeCommitStats.of(1, List.of(compaction(2))).dataFilesPerCommit()).isNaN();
    assertThat(LakeCommitStats.of(1, List.of(new Commit(null, Map.of("added-data-files", "1")))).dataFilesPerCommit()).isNaN();
  }

  @Test
  void theMeanTakesOnlyTheLastTwentyAppends() {
    List<Commit> ancestry = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ancestry.add(append(3, 100));
      ancestry.add(compaction(50));
    }
    for (int i = 0; i < 10; i++) {
      ancestry.add(append(1, 100));
    }
    ancestry.add(append(1000, 100)); // the 21st append back: outside the window
    LakeCommitStats stats = LakeCommitStats.of(40, ancestry);
    assertThat(stats.dataFilesPerCommit()).isEqualTo((10 * 3 + 10 * 1) / 20.0);
    assertThat(stats.commits()).isEqualTo(40);
  }

  @Test
  void aNegativeSnapshotCountIsRejected() {
    assertThatThrownBy(() -> LakeCommitStats.of(-1, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("commits");
  }
}
