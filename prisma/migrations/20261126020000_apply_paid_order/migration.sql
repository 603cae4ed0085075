-- apply_paid_order: the common case of a paid webhook, recorded and applied in one statement.
--
-- A provider reports that an order was paid, in full, for a pending purchase nobody referred,
-- of an offering whose access ends after a fixed number of days or never. In one transaction
-- (the statement's own) it claims the event id in "ProcessedEvent", marks the purchase
-- SUCCEEDED and its order PAID, grants every community of the offering (a Membership and a GRANT
-- AccessEvent each) and records the outcome: the same rows, with the same values, that the
-- general path writes (lib/purchases/complete-purchase.ts and lib/access/grant-purchase-access.ts;
-- tests/integration/apply-paid-order.test.ts compares the two).
--
-- A copy of an event that already ended answers its outcome (duplicate = true) and writes
-- nothing. Anything else (no such order, another status, a referrer, another amount, calendar
-- periods, an event that failed before) returns no row and leaves no trace: the caller then
-- takes the general path, which decides and records it. Locks are taken in the general path's
-- order, event key first, then the purchase, so the two paths never deadlock each other.
CREATE FUNCTION apply_paid_order(
  p_provider text,                -- "ProcessedEvent".provider: 'stripe' or 'external'
  p_event_key text,
  p_type text,
  p_payload jsonb,
  p_order_id text,                -- the order the payment names (Stripe), or null
  p_purchase_id text,             -- the purchase it names (external), or null
  p_order_provider text,          -- the order must be of this provider, or null for any
  p_offering_id text,             -- the offering it must be of, or null for any
  p_amount integer,
  p_currency text,
  p_provider_order_id text,
  p_provider_capture_id text,
  p_cause text
) RETURNS TABLE (outcome text, purchase_id text, duplicate boolean, granted integer)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_now timestamp(3) := timezone('UTC', now());
  v_event record;
  v_event_id text;
  v_purchase record;
  v_order record;
  v_expires_at timestamp(3);
  v_granted integer;
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

  SELECT p.id, p.status::text AS status, p."userId", p."offeringId", p."referrerId",
         f."accessDurationDays", f."pricingType"::text AS pricing_type
  INTO v_purchase
  FROM "Purchase" p JOIN "Offering" f ON f.id = p."offeringId"
  WHERE p.id = coalesce(p_purchase_id, (
          SELECT o."purchaseId" FROM "Order" o
          WHERE o.id = p_order_id AND (p_order_provider IS NULL OR o.provider::text = p_order_provider)))
    AND (p_offering_id IS NULL OR p."offeringId" = p_offering_id)
  FOR UPDATE OF p;

  SELECT o.id, o.amount, o.currency, o."referrerId" INTO v_order
  FROM "Order" o
  WHERE o."purchaseId" = v_purchase.id AND (p_order_id IS NULL OR o.id = p_order_id)
  ORDER BY o."createdAt" DESC LIMIT 1;

  IF v_purchase.id IS NULL OR v_order.id IS NULL
     OR v_purchase.status <> 'PENDING'
     OR coalesce(v_order."referrerId", v_purchase."referrerId") IS NOT NULL
     OR v_order.amount <> p_amount OR lower(v_order.currency) <> lower(p_currency)
     OR (coalesce(v_purchase."accessDurationDays", 0) = 0 AND v_purchase.pricing_type <> 'ONE_TIME') THEN
    DELETE FROM "ProcessedEvent" WHERE id = v_event_id;
    RETURN;
  END IF;

  IF coalesce(v_purchase."accessDurationDays", 0) > 0 THEN
    v_expires_at := v_now + make_interval(days => v_purchase."accessDurationDays");
  END IF;

  UPDATE "Purchase" SET status = 'SUCCEEDED', "accessGrantedAt" = v_now, "expiresAt" = v_expires_at,
         "updatedAt" = v_now
  WHERE id = v_purchase.id;
  UPDATE "Order" SET status = 'PAID', "paidAt" = v_now, "updatedAt" = v_now,
         "providerOrderId" = coalesce(p_provider_order_id, "providerOrderId"),
         "providerCaptureId" = coalesce(p_provider_capture_id, "providerCaptureId")
  WHERE id = v_order.id;

  -- "_CommunityToOffering" is Prisma's table for offerings ↔ communities: A community, B offering.
  WITH membership AS (
    INSERT INTO "Membership" (id, "userId", "communityId", "purchaseId", "expiresAt", "grantedAt")
    SELECT gen_random_uuid()::text, v_purchase."userId", link."A", v_purchase.id, v_expires_at, v_now
    FROM "_CommunityToOffering" link WHERE link."B" = v_purchase."offeringId"
    ON CONFLICT ("purchaseId", "communityId") DO NOTHING
    RETURNING id, "communityId"
  ), trail AS (
    INSERT INTO "AccessEvent" (id, action, "userId", "communityId", "membershipId", "purchaseId", cause, "eventId", "createdAt")
    SELECT gen_random_uuid()::text, 'GRANT', v_purchase."userId", membership."communityId", membership.id,
           v_purchase.id, p_cause, v_event_id, v_now
    FROM membership
    RETURNING 1
  )
  SELECT count(*)::int INTO v_granted FROM trail;

  UPDATE "ProcessedEvent"
  SET outcome = 'PROCESSED', "purchaseId" = v_purchase.id, "processedAt" = v_now,
      details = jsonb_build_object('orderId', v_order.id, 'communitiesGranted', v_granted)
  WHERE id = v_event_id;
  RETURN QUERY SELECT 'PROCESSED'::text, v_purchase.id::text, false, v_granted;
END;
$$;
