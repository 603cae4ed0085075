-- claim_stripe_event: the first step of a Stripe renewal fast path (apply_subscription_update,
-- apply_paid_invoice), as apply_paid_order does it for a paid order. Claims the event id in
-- "ProcessedEvent" in the caller's transaction and returns the new row's id; or, when the event
-- is already there, no id and its outcome (a copy of an event that ended is answered from it;
-- one that failed, or whose first delivery is still running, goes the general path). A concurrent
-- delivery of the same event waits on the unique key until the first one commits.
--
-- This file is the source: `npm run db:migration -- <name>` copies it into a migration when it
-- changes (docs/development.md).
CREATE OR REPLACE FUNCTION claim_stripe_event(
  p_event_key text,
  p_type text,
  p_payload jsonb,
  p_now timestamp(3)
) RETURNS TABLE (event_id text, outcome text, purchase_id text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_event_id text;
BEGIN
  RETURN QUERY SELECT NULL::text, e.outcome::text, e."purchaseId"
    FROM "ProcessedEvent" e WHERE e.provider = 'stripe' AND e."providerEventId" = p_event_key;
  IF FOUND THEN RETURN; END IF;
  INSERT INTO "ProcessedEvent" (id, provider, "providerEventId", type, payload, "receivedAt")
  VALUES (gen_random_uuid()::text, 'stripe', p_event_key, p_type, p_payload, p_now)
  ON CONFLICT (provider, "providerEventId") DO NOTHING
  RETURNING id INTO v_event_id;
  RETURN QUERY SELECT v_event_id, NULL::text, NULL::text;
END;
$$;
