-- Events per hour, by event type and tenant: the base of the volume dashboards.
CREATE OR REPLACE VIEW lake.strata.events_per_hour AS
SELECT
  date_trunc('hour', event_time) AS hour,
  event_type,
  tenant_id,
  count(*) AS events
FROM lake.strata.events
GROUP BY 1, 2, 3
