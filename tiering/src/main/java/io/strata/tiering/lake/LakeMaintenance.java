package io.strata.tiering.lake;

import static java.util.Objects.requireNonNull;

import io.strata.catalog.EventsTable;
import io.strata.tiering.MaintenancePlan;
import io.strata.tiering.MaintenancePlan.Action;
import io.strata.tiering.PartitionFiles;
import io.strata.tiering.PolicyDecisions;
import io.strata.tiering.TieringPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One maintenance pass over the lake: for each policy, what {@link PolicyDecisions} decides now
 * (expire, turn cold, compact, partition by partition), then a manifest rewrite when the data
 * manifests have piled up ({@link ManifestRewrite}), then snapshot expiry for the table, then,
 * when asked, orphan-file cleanup; every action recorded in the runs table. An action whose commit
 * loses a race (another commit removed one of its files) is planned again from the table as it is now
 * and retried; any other failure is recorded and left for the next pass. A pass never throws for a
 * failed action: the next pass starts from whatever the table holds.
 */
public final class LakeMaintenance {
  private static final Logger LOG = LoggerFactory.getLogger(LakeMaintenance.class);

  /**
   * @param spillDir local directory for the sorted runs of a rewrite
   * @param rowsInMemory the most rows a rewrite holds in memory
   * @param attempts how many times an action is tried when its commit loses a race
   */
  public record Settings(Path spillDir, int rowsInMemory, int attempts) {
    public Settings {
      requireNonNull(spillDir, "spillDir is null");
      if (rowsInMemory < 1 || attempts < 1) {
        throw new IllegalArgumentException("rowsInMemory and attempts must be at least 1");
      }
    }
  }

  private final Catalog catalog;
  private final Settings settings;
  private final Clock clock;

  public LakeMaintenance(Catalog catalog, Settings settings, Clock clock) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.settings = requireNonNull(settings, "settings is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Runs one pass and records it; returns what it did. */
  public List<RunRecord> run(List<TieringPolicy> policies, boolean withOrphans) throws IOException {
    if (policies.isEmpty()) {
      return List.of();
    }
    String runId = UUID.randomUUID().toString();
    Table table = catalog.loadTable(EventsTable.IDENTIFIER);
    List<RunRecord> records = new ArrayList<>(applyPolicies(table, runId, policies));
    // Table-wide settings: of the table's policies, the one that keeps the most.
    TieringPolicy keepsMost = policies.stream().max(Comparator.comparing(TieringPolicy::snapshotRetention)).orElseThrow();
    rewriteManifests(table, runId, keepsMost).ifPresent(records::add);
    int minCount = policies.stream().mapToInt(TieringPolicy::minSnapshots).max().orElseThrow();
    records.add(expireSnapshots(table, runId, keepsMost, minCount));
    if (withOrphans) {
      TieringPolicy oldest = policies.stream().max(Comparator.comparing(TieringPolicy::orphanMinAge)).orElseThrow();
      records.add(deleteOrphans(table, runId, oldest));
    }
    Table runs = RunLog.table(catalog);
    List<RunRecord> worthRecording = records.stream().filter(r -> !r.succeeded() || r.filesBefore() != r.filesAfter()).toList();
    RunLog.append(runs, worthRecording);
    // The runs table's own history ages like the events table's.
    SnapshotExpiry.expire(runs, clock.instant().minus(keepsMost.snapshotRetention()), minCount);
    return records;
  }

  /** The partition actions of a pass on {@code table} (no snapshot expiry, orphan cleanup or runs table). */
  List<RunRecord> runOn(Table table, List<TieringPolicy> policies) {
    return applyPolicies(table, UUID.randomUUID().toString(), policies);
  }

  private List<RunRecord> applyPolicies(Table table, String runId, List<TieringPolicy> policies) {
    List<RunRecord> records = new ArrayList<>();
    for (TieringPolicy policy : policies) {
      table.refresh();
      // One read of the table per policy: every action validates from this snapshot, so the
      // partitions rewritten before it (by this pass or the writer's appends) do not conflict.
      LakeSnapshot snapshot = LakeSnapshot.read(table);
      MaintenancePlan plan = PolicyDecisions.decide(policy, snapshot.partitions(), clock.instant());
      for (Action action : plan.actions()) {
        records.add(apply(table, snapshot, runId, policy, action));
      }
    }
    return records;
  }

  private RunRecord apply(Table table, LakeSnapshot planned, String runId, TieringPolicy policy, Action first) {
    Instant started = clock.instant();
    LakeSnapshot snapshot = planned;
    Action action = first;
    Exception last = null;
    for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
      try {
        return done(runId, policy, action, started, attempt, execute(table, snapshot, action));
      } catch (CommitFailedException | ValidationException e) {
        last = e;
        LOG.info("maintenance {} of {} lost a commit race (attempt {}): {}", name(action), action.partition().describe(), attempt,
            e.getMessage());
        table.refresh();
        snapshot = LakeSnapshot.read(table);
        Optional<Action> again = replan(snapshot, policy, action.partition());
        if (again.isEmpty()) {
          return new RunRecord(runId, policy.name(), name(action), action.partition().describe(), 0, 0, 0, 0, 0, started,
              millisSince(started), RunRecord.SUCCEEDED, attempt, "nothing left to do after: " + e.getMessage(), null);
        }
        action = again.get();
      } catch (Exception e) {
        last = e;
        LOG.warn("maintenance {} of {} failed", name(action), action.partition().describe(), e);
        return failed(runId, policy, action, started, attempt, e);
      }
    }
    return failed(runId, policy, action, started, settings.attempts(), last);
  }

  private Optional<Action> replan(LakeSnapshot snapshot, TieringPolicy policy, PartitionFiles partition) {
    MaintenancePlan plan = PolicyDecisions.decide(policy, snapshot.partitions(), clock.instant());
    return plan.actions().stream()
        .filter(a -> a.partition().samePartition(partition))
        .findFirst();
  }

  private record Result(long filesBefore, long filesAfter, long bytesBefore, long bytesAfter, long rows, long snapshotId) {}

  private Result execute(Table table, LakeSnapshot snapshot, Action action) throws IOException {
    SortedRewrite rewrite = new SortedRewrite(table, settings.spillDir(), settings.rowsInMemory());
    if (action instanceof MaintenancePlan.Compact c) {
      SortedRewrite.Outcome o = rewrite.rewrite(snapshot, c.files(), c.targetFileBytes(), c.sortOrder(), Optional.empty(), "compact");
      return new Result(o.filesBefore(), o.filesAfter(), o.bytesBefore(), o.bytesAfter(), o.rows(), o.snapshotId());
    }
    if (action instanceof MaintenancePlan.MakeCold c) {
      SortedRewrite.Outcome o =
          rewrite.rollUp(snapshot, c.files(), c.partition(), c.targetFileBytes(), c.sortOrder(), c.compression(), "cold");
      return new Result(o.filesBefore(), o.filesAfter(), o.bytesBefore(), o.bytesAfter(), o.rows(), o.snapshotId());
    }
    PartitionExpiry.Outcome o = PartitionExpiry.expire(table, action.partition());
    return new Result(o.filesDeleted(), 0, o.bytesDeleted(), 0, o.rowsDeleted(), o.snapshotId());
  }

  private RunRecord expireSnapshots(Table table, String runId, TieringPolicy policy, int minCount) {
    Instant started = clock.instant();
    try {
      table.refresh();
      SnapshotExpiry.Outcome o = SnapshotExpiry.expire(table, started.minus(policy.snapshotRetention()), minCount);
      String note = o.keptForWriter() ? "kept from " + o.cutoff() + ": the streaming writer's newest commit is older than the window" : null;
      return new RunRecord(runId, policy.name(), "expire-snapshots", null, o.snapshotsBefore(), o.snapshotsAfter(), 0, 0, 0, started,
          millisSince(started), RunRecord.SUCCEEDED, 1, note, null);
    } catch (RuntimeException e) {
      LOG.warn("snapshot expiry failed", e);
      return new RunRecord(runId, policy.name(), "expire-snapshots", null, 0, 0, 0, 0, 0, started, millisSince(started),
          RunRecord.FAILED, 1, message(e), null);
    }
  }

  private Optional<RunRecord> rewriteManifests(Table table, String runId, TieringPolicy policy) {
    Instant started = clock.instant();
    try {
      return ManifestRewrite.rewrite(table).map(o -> new RunRecord(runId, policy.name(), "rewrite-manifests", null, o.manifestsBefore(),
          o.manifestsAfter(), 0, 0, 0, started, millisSince(started), RunRecord.SUCCEEDED, 1, null, o.snapshotId()));
    } catch (RuntimeException e) {
      LOG.warn("manifest rewrite failed", e);
      return Optional.of(new RunRecord(runId, policy.name(), "rewrite-manifests", null, 0, 0, 0, 0, 0, started, millisSince(started),
          RunRecord.FAILED, 1, message(e), null));
    }
  }

  private RunRecord deleteOrphans(Table table, String runId, TieringPolicy policy) {
    Instant started = clock.instant();
    try {
      OrphanCleanup.Outcome o = OrphanCleanup.clean(table, started.minus(policy.orphanMinAge()));
      String note = o.tooYoung() > 0 ? o.tooYoung() + " unreferenced files younger than " + policy.orphanMinAge() + " kept" : null;
      return new RunRecord(runId, policy.name(), "delete-orphans", null, o.filesListed(), o.filesListed() - o.deleted(),
          0, 0, 0, started, millisSince(started), RunRecord.SUCCEEDED, 1, note, null);
    } catch (RuntimeException e) {
      LOG.warn("orphan-file cleanup failed", e);
      return new RunRecord(runId, policy.name(), "delete-orphans", null, 0, 0, 0, 0, 0, started, millisSince(started),
          RunRecord.FAILED, 1, message(e), null);
    }
  }

  private RunRecord done(String runId, TieringPolicy policy, Action action, Instant started, int attempts, Result r) {
    return new RunRecord(runId, policy.name(), name(action), action.partition().describe(), r.filesBefore(), r.filesAfter(),
        r.bytesBefore(), r.bytesAfter(), r.rows(), started, millisSince(started), RunRecord.SUCCEEDED, attempts, null, r.snapshotId());
  }

  private RunRecord failed(String runId, TieringPolicy policy, Action action, Instant started, int attempts, Exception e) {
    return new RunRecord(runId, policy.name(), name(action), action.partition().describe(), action.files().size(),
        action.files().size(), 0, 0, 0, started, millisSince(started), RunRecord.FAILED, attempts, message(e), null);
  }

  static String name(Action action) {
    if (action instanceof MaintenancePlan.Compact) {
      return "compact";
    }
    return action instanceof MaintenancePlan.MakeCold ? "cold" : "expire";
  }

  private long millisSince(Instant started) {
    return Duration.between(started, clock.instant()).toMillis();
  }

  private static String message(Exception e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
