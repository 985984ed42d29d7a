-- One entity's history in event-time order.
SELECT seq, event_time, event_type, event_id, payload
FROM lake.strata.entity_timeline
WHERE tenant_id = 'tenant-0' AND entity_id = 'entity-1'
ORDER BY seq
