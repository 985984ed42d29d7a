package io.strata.tiering.lake;

import static io.strata.tiering.lake.LakeFixture.MB;
import static io.strata.tiering.lake.LakeFixture.SORT;
import static io.strata.tiering.lake.LakeFixture.liveFiles;
import static io.strata.tiering.lake.LakeFixture.policy;
import static io.strata.tiering.lake.LakeFixture.rowsOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.tiering.PartitionFiles;
import io.strata.tiering.TieringPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;

/**
 * The cold tier against a real table (the Strata REST catalog and an S3-compatible store): a cold
 * month's days rolled up into the month spec, late events merged in, the month expired whole.
 */
class LakeColdMonthsIT extends LakeIT {
  @Test
  void aColdMonthRollsUpIntoOneSortedFileOfTheMonthSpecAndTheWriterKeepsWritingDays() throws Exception {
    Table table = lake.table("cold");
    LocalDate lastMonth = TODAY.withDayOfMonth(1).minusMonths(1);
    for (int d = 0; d < 5; d++) {
      lake.stream(table, "page.viewed", lastMonth.plusDays(d * 6L), 3, 100);
    }
    lake.stream(table, "order.placed", lastMonth.plusDays(2), 2, 100);
    lake.stream(table, "page.viewed", TODAY, 2, 100);
    List<String> before = LakeFixture.contents(table);
    TieringPolicy policy = new TieringPolicy("it", "strata.events", Set.of(), Duration.ofDays(7),
        new TieringPolicy.Compaction(Duration.ofDays(1), 64 * MB, 4, SORT), Optional.of(new TieringPolicy.Cold(Duration.ZERO, 512 * MB, "zstd")),
        Optional.empty(), Duration.ofDays(3), 1, Duration.ofDays(3), "it.yaml");
    LakeMaintenance maintenance = new LakeMaintenance(lake.catalog, new LakeMaintenance.Settings(dir.resolve("spill"), 250, 3),
        Clock.systemUTC());

    List<RunRecord> records = maintenance.runOn(table, List.of(policy));

    String month = lastMonth.toString().substring(0, 7);
    assertThat(records).filteredOn(r -> r.action().equals("cold")).extracting(RunRecord::partition, RunRecord::filesBefore,
        RunRecord::filesAfter, RunRecord::rows).containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("event_type=page.viewed/event_time_month=" + month, 15L, 1L, 1500L),
            org.assertj.core.groups.Tuple.tuple("event_type=order.placed/event_time_month=" + month, 2L, 1L, 200L));
    assertThat(LakeFixture.contents(table)).containsExactlyInAnyOrderElementsOf(before);
    table.refresh();
    assertThat(table.spec().fields()).extracting(f -> f.transform().toString()).as("the default spec stays by day").containsExactly("day", "identity");
    LakeSnapshot after = LakeSnapshot.read(table);
    assertThat(after.partitions()).extracting(PartitionFiles::describe, p -> p.files().size()).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("event_type=order.placed/event_time_month=" + month, 1),
        org.assertj.core.groups.Tuple.tuple("event_type=page.viewed/event_time_month=" + month, 1),
        org.assertj.core.groups.Tuple.tuple("event_time_day=" + TODAY + "/event_type=page.viewed", 2));
    DataFile rolled = liveFiles(table, "page.viewed").stream().filter(f -> f.recordCount() == 1500).findFirst().orElseThrow();
    assertThat(rolled.location()).contains("/event_type=page.viewed/event_time_month=" + month + "/");
    var order = SortedRewrite.comparator(table.schema(), SortedRewrite.sortOrder(table.schema(), SORT));
    List<Record> rows = rowsOf(table, rolled);
    for (int i = 1; i < rows.size(); i++) {
      assertThat(order.compare(rows.get(i - 1), rows.get(i))).as("row %d in sort order", i).isLessThanOrEqualTo(0);
    }
    // A filter on a day of the month still finds its rows in the month's file (planning prunes by the month).
    long day = lastMonth.plusDays(6).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    try (CloseableIterable<Record> oneDay = IcebergGenerics.read(table).where(org.apache.iceberg.expressions.Expressions.and(
        org.apache.iceberg.expressions.Expressions.greaterThanOrEqual("event_time", day),
        org.apache.iceberg.expressions.Expressions.lessThan("event_time", day + 86_400_000_000L))).build()) {
      assertThat(StreamSupport.stream(oneDay.spliterator(), false).count()).isEqualTo(300);
    }

    // A late event for last month lands in a day partition (the writer's spec); the next pass merges it
    // with the month's file.
    lake.stream(table, "page.viewed", lastMonth.plusDays(1), 1, 10);
    List<RunRecord> again = maintenance.runOn(table, List.of(policy));
    assertThat(again).filteredOn(r -> r.action().equals("cold")).extracting(RunRecord::filesBefore, RunRecord::filesAfter, RunRecord::rows)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, 1L, 1510L));
    assertThat(LakeFixture.contents(table)).hasSize(before.size() + 10);
    assertThat(LakeSnapshot.read(table).partitions()).noneMatch(p -> p.span() == PartitionFiles.Span.DAY && p.start().isBefore(TODAY));

    // Retention of a month partition removes exactly its rows, in whole files.
    PartitionFiles pagesMonth = LakeSnapshot.read(table).partitions().stream()
        .filter(p -> p.span() == PartitionFiles.Span.MONTH && p.eventType().equals("page.viewed")).findFirst().orElseThrow();
    assertThat(PartitionExpiry.expire(table, pagesMonth).rowsDeleted()).isEqualTo(1510);
    table.refresh();
    assertThat(LakeFixture.contents(table)).hasSize(before.size() + 10 - 1510);
    assertThat(LakeSnapshot.read(table).partitions()).extracting(PartitionFiles::describe).containsExactlyInAnyOrder(
        "event_type=order.placed/event_time_month=" + month, "event_time_day=" + TODAY + "/event_type=page.viewed");
  }

}
