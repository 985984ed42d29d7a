-- Rows and files per partition (day x event type).
SELECT partition.event_time_day AS day, partition.event_type AS event_type, record_count, file_count
FROM lake.strata."events$partitions"
ORDER BY 1, 2
