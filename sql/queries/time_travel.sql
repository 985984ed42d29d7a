-- The table as it was at its first snapshot: rows the first lake commit held.
-- {{snapshot_id}} is replaced with a snapshot id (the test and the notebook take the oldest one).
SELECT count(*) AS events_then
FROM lake.strata.events FOR VERSION AS OF {{snapshot_id}}
