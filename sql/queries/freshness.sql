-- How far the lake lags behind the producers: newest event and ingest times, and the commit lag.
SELECT max(event_time) AS newest_event, max(ingest_time) AS newest_ingest,
       current_timestamp - max(ingest_time) AS since_newest_ingest
FROM lake.strata.events
