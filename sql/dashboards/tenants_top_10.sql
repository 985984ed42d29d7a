-- Dashboard "Tenants": the 10 busiest tenants over the last 24 hours (a bar chart).
SELECT tenant_id, sum(events) AS events
FROM lake.strata.events_per_hour
WHERE hour >= current_timestamp - INTERVAL '24' HOUR
GROUP BY 1
ORDER BY 2 DESC
LIMIT 10
