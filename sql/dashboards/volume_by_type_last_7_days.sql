-- Dashboard "Volume": events per hour and type over the last 7 days (a stacked area chart).
SELECT hour, event_type, sum(events) AS events
FROM lake.strata.events_per_hour
WHERE hour >= current_timestamp - INTERVAL '7' DAY
GROUP BY 1, 2
ORDER BY 1, 2
