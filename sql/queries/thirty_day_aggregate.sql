-- Thirty days of volume by day, type and tenant.
SELECT CAST(date_trunc('day', hour) AS date) AS day, event_type, tenant_id, sum(events) AS events
FROM lake.strata.events_per_hour
WHERE hour >= current_timestamp - INTERVAL '30' DAY
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3
