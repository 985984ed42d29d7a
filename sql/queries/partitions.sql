-- Rows and files per partition (day x event type). Cold months rolled up by maintenance show a null day:
-- once the table has its month spec, partition.event_time_month holds their month (months since 1970-01).
SELECT partition.event_time_day AS day, partition.event_type AS event_type, record_count, file_count
FROM lake.strata."events$partitions"
ORDER BY 1, 2
