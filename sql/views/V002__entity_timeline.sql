-- One row per event of each entity (stream), numbered in event-time order.
CREATE OR REPLACE VIEW lake.strata.entity_timeline AS
SELECT
  tenant_id,
  entity_id,
  row_number() OVER (PARTITION BY tenant_id, entity_id ORDER BY event_time, event_id) AS seq,
  event_time,
  event_type,
  schema_version,
  event_id,
  correlation_id,
  causation_id,
  source,
  payload,
  ingest_time
FROM lake.strata.events
