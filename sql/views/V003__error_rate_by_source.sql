-- Share of failure events (types ending in '.failed') per source and hour.
CREATE OR REPLACE VIEW lake.strata.error_rate_by_source AS
SELECT
  source,
  date_trunc('hour', event_time) AS hour,
  count(*) AS events,
  count_if(event_type LIKE '%.failed') AS failures,
  CAST(count_if(event_type LIKE '%.failed') AS double) / count(*) AS error_rate
FROM lake.strata.events
GROUP BY 1, 2
