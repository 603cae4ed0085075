-- apply_paid_order: a webhook saying "this order was paid", recorded and applied in one statement.
--
-- Most deliveries say only that. In one transaction (the statement's own) it claims the event id
-- in "ProcessedEvent", completes the purchase by complete_purchase (the one implementation of
-- "paid", which lib/purchases/complete-purchase.ts calls too) and records the outcome, as
-- processEvent (lib/events/process-event.ts) would have.
--
-- A copy of an event that already ended answers its outcome (duplicate = true) and writes
-- nothing. It returns no row and leaves no trace whenever complete_purchase would not complete
-- the purchase (no such order or purchase, already paid or refunded, another amount), when the
-- order was referred (commissions are written in TypeScript), or when the event failed before:
-- the caller then takes the general path, which decides and records it. Locks are taken in the
-- general path's order, event key first, then the purchase, so the two never deadlock.
--
-- This file is the source: `npm run db:migration -- <name>` copies it into a migration when it
-- changes (docs/development.md).
CREATE OR REPLACE FUNCTION apply_paid_order(
  p_provider text,                -- "ProcessedEvent".provider: 'stripe' or 'external'
  p_event_key text,
  p_type text,
  p_payload jsonb,
  p_order_id text,                -- the order the payment names (Stripe), or null
  p_purchase_id text,             -- the purchase it names (external), or null
  p_order_provider text,          -- the order must be of this provider, or null for any
  p_offering_id text,             -- the offering it must be of, or null for any
  p_amount numeric,
  p_currency text,
  p_provider_order_id text,
  p_provider_capture_id text,
  p_cause text,
  p_now timestamp(3),             -- when it was paid, and the calendar periods after it, as
                                  -- complete_purchase takes them (UTC)
  p_month_later timestamp(3),
  p_year_later timestamp(3)
) RETURNS TABLE (outcome text, purchase_id text, duplicate boolean, granted integer)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_event record;
  v_event_id text;
  v_purchase_id text;
  v_paid record;
  v_completed boolean := false;
  v_now timestamp(3) := timezone('UTC', now());
BEGIN
  SELECT e.outcome::text AS outcome, e."purchaseId" INTO v_event
  FROM "ProcessedEvent" e WHERE e.provider = p_provider AND e."providerEventId" = p_event_key;
  IF FOUND THEN
    IF v_event.outcome IN ('PROCESSED', 'IGNORED', 'UNMATCHED') THEN
      RETURN QUERY SELECT v_event.outcome, v_event."purchaseId", true, 0;
    END IF;
    RETURN;
  END IF;

  -- A concurrent delivery of the same event waits here until the first one commits.
  INSERT INTO "ProcessedEvent" (id, provider, "providerEventId", type, payload, "receivedAt")
  VALUES (gen_random_uuid()::text, p_provider, p_event_key, p_type, p_payload, v_now)
  ON CONFLICT (provider, "providerEventId") DO NOTHING
  RETURNING id INTO v_event_id;
  IF v_event_id IS NULL THEN RETURN; END IF;

  SELECT p.id INTO v_purchase_id
  FROM "Purchase" p
  WHERE p.id = coalesce(p_purchase_id, (
          SELECT o."purchaseId" FROM "Order" o
          WHERE o.id = p_order_id AND (p_order_provider IS NULL OR o.provider::text = p_order_provider)))
    AND (p_offering_id IS NULL OR p."offeringId" = p_offering_id);
  IF FOUND THEN
    SELECT * INTO v_paid FROM complete_purchase(
      v_purchase_id, p_order_id, p_amount, p_currency, p_provider_order_id, p_provider_capture_id,
      p_cause, v_event_id, p_now, p_month_later, p_year_later, true);
    v_completed := v_paid.completed IS TRUE;  -- no row (a referred order): nulls, not completed
  END IF;
  IF NOT v_completed THEN
    DELETE FROM "ProcessedEvent" WHERE id = v_event_id;
    RETURN;
  END IF;

  UPDATE "ProcessedEvent"
  SET outcome = 'PROCESSED', "purchaseId" = v_purchase_id, "processedAt" = v_now, details = v_paid.details
  WHERE id = v_event_id;
  RETURN QUERY SELECT 'PROCESSED'::text, v_purchase_id, false, v_paid.granted;
END;
$$;
