package io.strata.tiering.lake;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One maintenance action as the runs table ({@code strata.maintenance_runs}) records it.
 *
 * @param runId the maintenance pass it belongs to
 * @param action compact, cold, expire, expire-snapshots, delete-orphans or hot-log-retention
 * @param partition the partition acted on, null for table-wide actions
 * @param filesBefore files touched (rewritten, deleted, snapshots or files listed), before
 * @param filesAfter and after
 * @param rows rows rewritten or deleted (records for the hot log)
 * @param outcome succeeded or failed
 * @param attempts how many tries it took (a commit that lost a race is planned again and retried)
 * @param message why it failed, or what it noted; null when there is nothing to say
 * @param snapshotId the snapshot it committed, null when it committed none
 */
public record RunRecord(String runId, String policy, String action, String partition, long filesBefore, long filesAfter,
    long bytesBefore, long bytesAfter, long rows, Instant startedAt, long durationMillis, String outcome, int attempts,
    String message, Long snapshotId) {
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";

  public RunRecord {
    requireNonNull(runId, "runId is null");
    requireNonNull(policy, "policy is null");
    requireNonNull(action, "action is null");
    requireNonNull(startedAt, "startedAt is null");
    requireNonNull(outcome, "outcome is null");
  }

  public boolean succeeded() {
    return SUCCEEDED.equals(outcome);
  }
}
