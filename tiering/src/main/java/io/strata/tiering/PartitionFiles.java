package io.strata.tiering;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One partition of the lake's table as maintenance sees it: its event type, the span of event time it
 * holds (a day, where the tier job writes; a month, where cold days are rolled up), and its live data
 * files.
 *
 * @param start the first day of the span
 */
public record PartitionFiles(String eventType, LocalDate start, Span span, List<DataFile> files) {
  /** The span of event time one partition holds. */
  public enum Span {
    /** {@code day(event_time)}: the table's default spec, what the tier job writes. */
    DAY,
    /** {@code month(event_time)}: cold data, rolled up from days. */
    MONTH
  }

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
    requireNonNull(start, "start is null");
    requireNonNull(span, "span is null");
    if (span == Span.MONTH && start.getDayOfMonth() != 1) {
      throw new IllegalArgumentException("a month partition starts on the first of its month, got " + start);
    }
    files = List.copyOf(files);
  }

  /** A day partition. */
  public PartitionFiles(String eventType, LocalDate day, List<DataFile> files) {
    this(eventType, day, Span.DAY, files);
  }

  /** Where the partition's span ends: its age counts from here, so retention is aligned to partition bounds. */
  public Instant end() {
    LocalDate next = span == Span.DAY ? start.plusDays(1) : start.plusMonths(1);
    return next.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The same event type's partition of the month this span lies in, with no files. */
  public PartitionFiles monthPartition() {
    return new PartitionFiles(eventType, start.withDayOfMonth(1), Span.MONTH, List.of());
  }

  /** Whether this is the same partition as {@code other}, whatever files each holds. */
  public boolean samePartition(PartitionFiles other) {
    return eventType.equals(other.eventType) && start.equals(other.start) && span == other.span;
  }

  public long bytes() {
    return files.stream().mapToLong(DataFile::bytes).sum();
  }

  public long records() {
    return files.stream().mapToLong(DataFile::records).sum();
  }

  /**
   * {@code event_time_day=<day>/event_type=<type>} or {@code event_type=<type>/event_time_month=<yyyy-MM>}, as
   * Iceberg names it (the month spec was derived from the day spec, so its event type comes first).
   */
  public String describe() {
    return span == Span.DAY
        ? "event_time_day=" + start + "/event_type=" + eventType
        : "event_type=" + eventType + "/event_time_month=" + start.format(DateTimeFormatter.ofPattern("yyyy-MM"));
  }
}
