-- Events of one day by type: reads only that day's partitions.
SELECT event_type, count(*) AS events
FROM lake.strata.events
WHERE event_time >= TIMESTAMP '2026-11-21 00:00:00 UTC'
  AND event_time < TIMESTAMP '2026-11-22 00:00:00 UTC'
GROUP BY event_type
ORDER BY event_type
