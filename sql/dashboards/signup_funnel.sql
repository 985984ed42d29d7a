-- Dashboard "Funnel": sign-up -> order -> shipped per tenant over all days (a funnel chart).
SELECT tenant_id, sum(signed_up) AS signed_up, sum(ordered) AS ordered, sum(shipped) AS shipped
FROM lake.strata.signup_to_order_funnel
GROUP BY 1
ORDER BY 1
