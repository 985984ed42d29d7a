package io.strata.tiering.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SortedRewriteTest {
  private static final long MB = 1L << 20;

  @Test
  void aFileRecordsOneSplitOffsetPerTargetSizeOfRowGroupsNotOnePerGroup() {
    // 40 groups of 100 kB from offset 4 (after Parquet's magic).
    List<Long> groups = LongStream.range(0, 40).mapToObj(i -> 4 + i * 100_000L).toList();
    assertThat(SortedRewrite.splitOffsets(groups, 128 * MB)).containsExactly(4L);
    assertThat(SortedRewrite.splitOffsets(groups, 1_000_000)).containsExactly(4L, 1_000_004L, 2_000_004L, 3_000_004L);
    assertThat(SortedRewrite.splitOffsets(groups, 1)).isEqualTo(groups);
    assertThat(SortedRewrite.splitOffsets(List.of(), MB)).isEmpty();
    assertThat(SortedRewrite.splitOffsets(null, MB)).isNull();
  }

  @Test
  void rowGroupsAreAThirtySecondOfTheFileWithinBounds() {
    assertThat(SortedRewrite.rowGroupBytes(128 * MB)).isEqualTo(4 * MB);
    assertThat(SortedRewrite.rowGroupBytes(2 * MB)).isEqualTo(128 << 10);
    assertThat(SortedRewrite.rowGroupBytes(1024 * MB)).isEqualTo(8 * MB);
    assertThat(SortedRewrite.rowGroupBytes(0)).isEqualTo(128 << 10);
  }
}
