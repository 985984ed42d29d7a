-- Dashboard "Errors": failure share per source and hour over the last 24 hours (a line chart).
SELECT hour, source, events, failures, round(error_rate, 4) AS error_rate
FROM lake.strata.error_rate_by_source
WHERE hour >= current_timestamp - INTERVAL '24' HOUR
ORDER BY 1, 2
