-- The table's commits (one per Flink checkpoint with data) and its newest data files.
SELECT s.committed_at, s.snapshot_id, s.operation, element_at(s.summary, 'added-records') AS added_records,
       element_at(s.summary, 'total-records') AS total_records
FROM lake.strata."events$snapshots" s
ORDER BY s.committed_at DESC
LIMIT 20
