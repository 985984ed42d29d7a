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

    assertThat(decide(old, younger)).containsExactly(new MaintenancePlan.Expire(old, old.files()));
    assertThat(PolicyDecisions.decide(POLICY, List.of(younger), Instant.parse("2026-12-02T23:59:59.999Z")).actions()).isEmpty();
    assertThat(PolicyDecisions.decide(POLICY, List.of(younger), Instant.parse("2026-12-03T00:00:00Z")).actions()).hasSize(1);
  }

  @Test
  void anOldPartitionTurnsColdOnceIntoAsFewFilesAsItsBytesNeed() {
    PartitionFiles month = partition("order.placed", LocalDate.parse("2026-10-01"), 10, 100 * MB, NOW.minus(Duration.ofDays(60)));
    assertThat(decide(month)).containsExactly(new MaintenancePlan.MakeCold(month, month.files(), 2, 512 * MB, "zstd",
        List.of("tenant_id", "entity_id", "event_time")));

    PartitionFiles alreadyCold = partition("order.placed", LocalDate.parse("2026-10-01"), 2, 500 * MB, NOW.minus(Duration.ofDays(50)));
    assertThat(decide(alreadyCold)).isEmpty();
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
