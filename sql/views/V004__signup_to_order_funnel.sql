-- Funnel per tenant and day of sign-up: entities that signed up, then placed an order, then had an
-- order shipped, each step after the one before it.
CREATE OR REPLACE VIEW lake.strata.signup_to_order_funnel AS
WITH firsts AS (
  SELECT
    tenant_id,
    entity_id,
    min(event_time) FILTER (WHERE event_type = 'user.signed_up') AS signed_up_at,
    min(event_time) FILTER (WHERE event_type = 'order.placed') AS first_order_at,
    max(event_time) FILTER (WHERE event_type = 'order.shipped') AS last_shipped_at
  FROM lake.strata.events
  GROUP BY 1, 2
)
SELECT
  tenant_id,
  CAST(date_trunc('day', signed_up_at) AS date) AS signup_day,
  count(*) AS signed_up,
  count_if(first_order_at > signed_up_at) AS ordered,
  count_if(first_order_at > signed_up_at AND last_shipped_at > first_order_at) AS shipped
FROM firsts
WHERE signed_up_at IS NOT NULL
GROUP BY 1, 2
