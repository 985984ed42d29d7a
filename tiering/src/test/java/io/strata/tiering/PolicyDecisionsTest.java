package io.strata.tiering;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.tiering.MaintenancePlan.Action;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyDecisionsTest {
  private static final long MB = 1L << 20;
  private static final TieringPolicy POLICY = PolicyFiles.parse("events.yaml", PolicyFilesTest.VALID, PolicyFilesTest.COLUMNS);
  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
  private static final List<String> SORT = List.of("tenant_id", "entity_id", "event_time");

  private static PartitionFiles partition(String type, LocalDate day, int files, long bytesEach, Instant committedAt) {
    List<PartitionFiles.DataFile> list = new ArrayList<>();
    for (int i = 0; i < files; i++) {
      list.add(new PartitionFiles.DataFile(day + "/" + type + "/f" + i + ".parquet", bytesEach, 1000, committedAt));
    }
    return new PartitionFiles(type, day, list);
  }

  private static List<Action> decide(PartitionFiles... partitions) {
    return PolicyDecisions.decide(POLICY, List.of(partitions), NOW).actions();
  }

  @Test
  void aPartitionExpiresOnceItsWholeDayIsPastTheAgeAndNotAMillisecondBefore() {
    // expire-after 400d: the day that ended exactly 400 days ago expires; the next day is 1 day short.
    LocalDate ended400DaysAgo = LocalDate.parse("2025-10-27");
    assertThat(new PartitionFiles("page.viewed", ended400DaysAgo, List.of()).end().plus(Duration.ofDays(400)))
        .isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
    PartitionFiles old = partition("page.viewed", ended400DaysAgo, 3, 600 * MB, NOW.minus(Duration.ofDays(401)));
    PartitionFiles younger = partition("page.viewed", ended400DaysAgo.plusDays(1), 1, 600 * MB, NOW.minus(Duration.ofDays(400)));

    // (Both days are in a cold month too: the younger one is rolled up meanwhile.)
    assertThat(decide(old, younger)).filteredOn(MaintenancePlan.Expire.class::isInstance)
        .containsExactly(new MaintenancePlan.Expire(old, old.files()));
    assertThat(PolicyDecisions.decide(POLICY, List.of(younger), Instant.parse("2026-12-02T23:59:59.999Z")).actions())
        .noneMatch(MaintenancePlan.Expire.class::isInstance);
    assertThat(PolicyDecisions.decide(POLICY, List.of(younger), Instant.parse("2026-12-03T00:00:00Z")).actions())
        .containsExactly(new MaintenancePlan.Expire(younger, younger.files()));
  }

  @Test
  void theDaysOfAColdMonthRollUpIntoTheMonthsPartitionInAsFewFilesAsTheirBytesNeed() {
    // cold.after 30d: October ended on November 1st, 31 days before NOW; November ends 29 days after it.
    PartitionFiles first = partition("order.placed", LocalDate.parse("2026-10-01"), 10, 50 * MB, NOW.minus(Duration.ofDays(60)));
    PartitionFiles last = partition("order.placed", LocalDate.parse("2026-10-31"), 10, 50 * MB, NOW.minus(Duration.ofDays(31)));
    PartitionFiles pages = partition("page.viewed", LocalDate.parse("2026-10-31"), 1, 5 * MB, NOW.minus(Duration.ofDays(31)));
    PartitionFiles november = partition("order.placed", LocalDate.parse("2026-11-01"), 1, 100 * MB, NOW.minus(Duration.ofDays(30)));
    PartitionFiles octoberOrders = new PartitionFiles("order.placed", LocalDate.parse("2026-10-01"), PartitionFiles.Span.MONTH, List.of());
    List<PartitionFiles.DataFile> both = new ArrayList<>(first.files());
    both.addAll(last.files());

    assertThat(decide(first, last, pages, november)).containsExactlyInAnyOrder(
        new MaintenancePlan.MakeCold(octoberOrders, both, 2, 512 * MB, "zstd", SORT),
        new MaintenancePlan.MakeCold(pages.monthPartition(), pages.files(), 1, 512 * MB, "zstd", SORT));
    assertThat(octoberOrders.describe()).isEqualTo("event_type=order.placed/event_time_month=2026-10");
    assertThat(octoberOrders.end()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
  }

  @Test
  void aColdMonthsPartitionIsMergedOnlyWhenItHoldsMoreFilesThanItsBytesNeed() {
    LocalDate october = LocalDate.parse("2026-10-01");
    PartitionFiles rolledUp = withSpan(partition("order.placed", october, 2, 500 * MB, NOW.minus(Duration.ofDays(20))));
    assertThat(decide(rolledUp)).isEmpty();

    PartitionFiles piecemeal = withSpan(partition("order.placed", october, 5, 100 * MB, NOW.minus(Duration.ofDays(20))));
    assertThat(decide(piecemeal)).containsExactly(new MaintenancePlan.MakeCold(piecemeal, piecemeal.files(), 1, 512 * MB, "zstd", SORT));

    // A late event's day partition is merged with what the month holds.
    PartitionFiles late = partition("order.placed", october.plusDays(3), 1, MB, NOW.minus(Duration.ofMinutes(20)));
    List<PartitionFiles.DataFile> merged = new ArrayList<>(piecemeal.files());
    merged.addAll(late.files());
    assertThat(decide(piecemeal, late)).containsExactly(new MaintenancePlan.MakeCold(piecemeal, merged, 1, 512 * MB, "zstd", SORT));
  }

  @Test
  void aMonthPartitionExpiresOnlyOnceItsWholeMonthIsPastTheAge() {
    // expire-after 400d: October 2025 ended on November 1st 2025, 396 days before NOW.
    PartitionFiles month = withSpan(partition("order.placed", LocalDate.parse("2025-10-01"), 1, 100 * MB, NOW.minus(Duration.ofDays(390))));
    assertThat(decide(month)).as("October 2025 still has days younger than 400 days").noneMatch(a -> a instanceof MaintenancePlan.Expire);
    assertThat(PolicyDecisions.decide(POLICY, List.of(month), Instant.parse("2026-12-06T00:00:00Z")).actions())
        .containsExactly(new MaintenancePlan.Expire(month, month.files()));
  }

  private static PartitionFiles withSpan(PartitionFiles day) {
    return new PartitionFiles(day.eventType(), day.start(), PartitionFiles.Span.MONTH, day.files());
  }

  @Test
  void compactionTakesOnlyFilesOlderThanItsAfterAndLeavesACompactedPartitionAlone() {
    LocalDate today = LocalDate.parse("2026-12-02");
    List<PartitionFiles.DataFile> files = new ArrayList<>(
        partition("page.viewed", today, 6, 2 * MB, NOW.minus(Duration.ofMinutes(11))).files());
    files.add(new PartitionFiles.DataFile("fresh.parquet", 2 * MB, 1000, NOW.minus(Duration.ofMinutes(9))));
    PartitionFiles small = new PartitionFiles("page.viewed", today, files);

    List<Action> actions = decide(small);
    assertThat(actions).hasSize(1);
    MaintenancePlan.Compact compact = (MaintenancePlan.Compact) actions.get(0);
    assertThat(compact.files()).hasSize(6).noneMatch(f -> f.path().equals("fresh.parquet"));
    assertThat(compact.filesAfter()).isEqualTo(1);

    PartitionFiles fourSmall = partition("page.viewed", today, 4, 2 * MB, NOW.minus(Duration.ofHours(1)));
    assertThat(decide(fourSmall)).as("at most max-files-per-partition").isEmpty();
    PartitionFiles big = partition("page.viewed", today, 10, 128 * MB, NOW.minus(Duration.ofHours(1)));
    assertThat(decide(big)).as("as many files as its bytes need at the target size").isEmpty();
  }

  @Test
  void aPolicyForSomeEventTypesLeavesTheOthersAlone() {
    TieringPolicy views = PolicyFiles.parse("views.yaml", PolicyFilesTest.VALID + "event-types: [page.viewed]\n", PolicyFilesTest.COLUMNS);
    PartitionFiles orders = partition("order.placed", LocalDate.parse("2026-12-02"), 9, MB, NOW.minus(Duration.ofHours(1)));
    PartitionFiles pages = partition("page.viewed", LocalDate.parse("2026-12-02"), 9, MB, NOW.minus(Duration.ofHours(1)));
    assertThat(PolicyDecisions.decide(views, List.of(orders, pages), NOW).actions()).extracting(Action::partition).containsExactly(pages);
  }

  @Test
  void theSnapshotAndOrphanCutOffsFollowTheClock() {
    MaintenancePlan plan = PolicyDecisions.decide(POLICY, List.of(), NOW);
    assertThat(plan.expireSnapshotsBefore()).isEqualTo(Instant.parse("2026-11-29T12:00:00Z"));
    assertThat(plan.minSnapshots()).isEqualTo(5);
    assertThat(plan.deleteOrphansBefore()).isEqualTo(Instant.parse("2026-11-29T12:00:00Z"));
  }

  @Test
  void newSmallFilesBesideCompactedOnesAreMergedWithoutRewritingTheBigOnes() {
    // Target 128mb, at most 4 files: three compacted files and three new small ones make six.
    LocalDate today = LocalDate.parse("2026-12-02");
    Instant settled = NOW.minus(Duration.ofHours(1));
    List<PartitionFiles.DataFile> files = new ArrayList<>(partition("page.viewed", today, 3, 120 * MB, settled).files());
    List<PartitionFiles.DataFile> small = partition("page.viewed", today, 3, 5 * MB, settled).files().stream()
        .map(f -> new PartitionFiles.DataFile(f.path() + ".new", f.bytes(), f.records(), f.committedAt())).toList();
    files.addAll(small);
    PartitionFiles mixed = new PartitionFiles("page.viewed", today, files);

    assertThat(decide(mixed)).containsExactly(new MaintenancePlan.Compact(mixed, small, 1, 128 * MB,
        List.of("tenant_id", "entity_id", "event_time")));

    // Four near-target files and two small ones: merging the small ones still leaves five, so all are rewritten.
    List<PartitionFiles.DataFile> crowded = new ArrayList<>(partition("page.viewed", today, 4, 100 * MB, settled).files());
    crowded.addAll(small.subList(0, 2));
    PartitionFiles full = new PartitionFiles("page.viewed", today, crowded);
    assertThat(decide(full)).containsExactly(new MaintenancePlan.Compact(full, crowded, 4, 128 * MB,
        List.of("tenant_id", "entity_id", "event_time")));
  }
}
