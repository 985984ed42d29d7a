package io.strata.tiering;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * One partition of the lake's table as maintenance sees it: its event type and day, and its live data
 * files.
 */
public record PartitionFiles(String eventType, LocalDate day, List<DataFile> files) {
  /**
   * A live data file.
   *
   * @param committedAt when the snapshot that added it was committed
   */
  public record DataFile(String path, long bytes, long records, Instant committedAt) {
    public DataFile {
      requireNonNull(path, "path is null");
      requireNonNull(committedAt, "committedAt is null");
    }
  }

  public PartitionFiles {
    requireNonNull(eventType, "eventType is null");
    requireNonNull(day, "day is null");
    files = List.copyOf(files);
  }

  /** Where the partition's day ends: its age counts from here, so retention is aligned to partition bounds. */
  public Instant end() {
    return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  public long bytes() {
    return files.stream().mapToLong(DataFile::bytes).sum();
  }

  public long records() {
    return files.stream().mapToLong(DataFile::records).sum();
  }

  /** {@code event_type=<type>/event_time_day=<day>}, as Iceberg names it. */
  public String describe() {
    return "event_time_day=" + day + "/event_type=" + eventType;
  }
}
