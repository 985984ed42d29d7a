package io.strata.tiering;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How far the hot log may be trimmed, per partition: up to the first record younger than the policy's
 * retention, and never past what every reader that needs the hot log has committed (the tier job,
 * whose committed offsets are those of its completed checkpoints, so every record before them is in
 * the lake or in the checkpoint state that puts it there on a restore; and the views job). A partition
 * a reader has committed nothing for is not trimmed at all.
 */
public final class HotLogRetention {
  private HotLogRetention() {}

  /**
   * @param retentionStart per partition, the offset of the first record at or after the retention
   *     cut-off (the end offset when every record is older)
   * @param committed per reader, its committed offset per partition
   * @param start per partition, the first offset the log still holds
   * @return per partition, the offset to delete records before; only partitions where that deletes something
   */
  public static Map<Integer, Long> deleteBefore(Map<Integer, Long> retentionStart, List<Map<Integer, Long>> committed,
      Map<Integer, Long> start) {
    Map<Integer, Long> out = new HashMap<>();
    retentionStart.forEach((partition, cutoff) -> {
      OptionalLong readers = committed.stream()
          .mapToLong(offsets -> offsets.getOrDefault(partition, -1L))
          .min();
      if (readers.isEmpty() || readers.getAsLong() < 0) {
        return;
      }
      long before = Math.min(cutoff, readers.getAsLong());
      if (before > start.getOrDefault(partition, 0L)) {
        out.put(partition, before);
      }
    });
    return out;
  }
}
