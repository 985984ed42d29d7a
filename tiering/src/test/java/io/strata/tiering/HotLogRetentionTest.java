package io.strata.tiering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HotLogRetentionTest {
  @Test
  void trimsToTheRetentionCutOffUnlessAReaderHasNotCommittedThatFar() {
    Map<Integer, Long> retention = Map.of(0, 1_000L, 1, 1_000L, 2, 1_000L);
    List<Map<Integer, Long>> readers = List.of(
        Map.of(0, 5_000L, 1, 400L, 2, 5_000L), // the tier job: behind on partition 1
        Map.of(0, 2_000L, 1, 9_000L, 2, 900L)); // the views job: behind on partition 2

    assertThat(HotLogRetention.deleteBefore(retention, readers, Map.of()))
        .containsExactlyInAnyOrderEntriesOf(Map.of(0, 1_000L, 1, 400L, 2, 900L));
  }

  @Test
  void aPartitionWithoutACommittedOffsetOrWithNothingNewToDeleteIsLeftAlone() {
    Map<Integer, Long> retention = Map.of(0, 1_000L, 1, 1_000L);
    List<Map<Integer, Long>> readers = List.of(Map.of(0, 5_000L)); // nothing committed for partition 1

    assertThat(HotLogRetention.deleteBefore(retention, readers, Map.of(0, 1_000L))).isEmpty();
    assertThat(HotLogRetention.deleteBefore(retention, readers, Map.of(0, 999L))).containsExactly(Map.entry(0, 1_000L));
    assertThat(HotLogRetention.deleteBefore(retention, List.of(), Map.of())).isEmpty();
  }
}
