-- Offerings ↔ communities become an explicit model, "OfferingCommunity", instead of Prisma's
-- hidden "_CommunityToOffering" table (A = community, B = offering). Written by hand: the
-- generated diff dropped the old table and created the new one, losing every row. The table and
-- its columns are renamed in place instead, so every link stays; links that existed before get
-- this migration's time as their "createdAt". The primary key now leads with the offering (what
-- a grant looks up), and the community gets its own index (what a community's page looks up).

-- RenameTable
ALTER TABLE "_CommunityToOffering" RENAME TO "OfferingCommunity";
ALTER TABLE "OfferingCommunity" RENAME COLUMN "A" TO "communityId";
ALTER TABLE "OfferingCommunity" RENAME COLUMN "B" TO "offeringId";

-- AddColumn
ALTER TABLE "OfferingCommunity" ADD COLUMN "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- PrimaryKey
ALTER TABLE "OfferingCommunity" DROP CONSTRAINT "_CommunityToOffering_AB_pkey";
ALTER TABLE "OfferingCommunity" ADD CONSTRAINT "OfferingCommunity_pkey" PRIMARY KEY ("offeringId","communityId");

-- CreateIndex
DROP INDEX "_CommunityToOffering_B_index";
CREATE INDEX "OfferingCommunity_communityId_idx" ON "OfferingCommunity"("communityId");

-- RenameForeignKey
ALTER TABLE "OfferingCommunity" RENAME CONSTRAINT "_CommunityToOffering_A_fkey" TO "OfferingCommunity_communityId_fkey";
ALTER TABLE "OfferingCommunity" RENAME CONSTRAINT "_CommunityToOffering_B_fkey" TO "OfferingCommunity_offeringId_fkey";

-- The SQL functions (prisma/functions/), as `npm run db:migration` appended them: the grant
-- reads "OfferingCommunity" now, and "paid" is complete_purchase, called by both paths.

-- prisma/functions/apply_paid_order.sql
DROP FUNCTION apply_paid_order;
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

-- prisma/functions/complete_purchase.sql
-- complete_purchase: an order was paid. The one implementation of that rule; both the webhook's
-- one-statement path (apply_paid_order) and lib/purchases/complete-purchase.ts call it.
--
-- Under the purchase's row lock it decides, and writes nothing unless it completes:
--   no such purchase                → FAILED purchase_not_found;
--   already SUCCEEDED or REFUNDED   → PROCESSED, note already_succeeded / already_refunded
--                                     (granted once per purchase; a refund stays refunded);
--   no such order on it             → FAILED order_not_found (the named order, else its newest);
--   a reported amount or currency that is not the order's → FAILED amount_mismatch.
-- Otherwise (pending, or failed and paid again) the purchase becomes SUCCEEDED with its access
-- end, the order PAID with the provider's ids, and every community of the offering is granted
-- (grant_purchase_access). A referred order earns commissions, which lib/commissions writes:
-- `referred` tells the caller to, in the same transaction; with p_unreferred_only (a caller
-- that cannot) a referred order returns no row, nothing written.
--
-- Access ends after the offering's access duration in days if it has one; else never for a
-- one-time offering; else one calendar period after p_now, which the caller passes computed by
-- lib/calendar/add-billing-period.ts (calendar arithmetic is date-fns's, in one place). Renewals
-- extend from the same terms in lib/purchases/access-period.ts.
--
-- Times are UTC timestamps, as Prisma stores them. This file is the source: `npm run
-- db:migration -- <name>` copies it into a migration when it changes (docs/development.md).
CREATE OR REPLACE FUNCTION complete_purchase(
  p_purchase_id text,
  p_order_id text,                 -- the order paid, or null for the purchase's newest
  p_amount numeric,                -- what the provider reports, or null when it reports none
  p_currency text,                 -- (an amount that is not a number, 'NaN', never matches)
  p_provider_order_id text,        -- kept on the order when given
  p_provider_capture_id text,
  p_cause text,                    -- why, for the access trail
  p_event_id text,                 -- the "ProcessedEvent" being applied, or null
  p_now timestamp(3),              -- when it was paid
  p_month_later timestamp(3),      -- one calendar month after p_now
  p_year_later timestamp(3),       -- one calendar year after p_now
  p_unreferred_only boolean        -- true: leave a referred order alone (no row)
) RETURNS TABLE (
  outcome text,                    -- 'PROCESSED' or 'FAILED', as "ProcessedEvent".outcome
  error text,
  purchase_id text,
  order_id text,
  completed boolean,               -- this call completed the purchase
  referred boolean,                -- …and its order earns commissions
  granted integer,                 -- memberships granted
  details jsonb
)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_purchase record;
  v_order record;
  v_referred boolean;
  v_expires_at timestamp(3);
  v_granted integer;
BEGIN
  SELECT p.id, p.status::text AS status, p."userId", p."offeringId", p."referrerId",
         f."accessDurationDays", f."pricingType"::text AS pricing_type
  INTO v_purchase
  FROM "Purchase" p JOIN "Offering" f ON f.id = p."offeringId"
  WHERE p.id = p_purchase_id
  FOR UPDATE OF p;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'FAILED', 'purchase_not_found', NULL::text, NULL::text, false, false, 0, NULL::jsonb;
    RETURN;
  END IF;
  IF v_purchase.status IN ('SUCCEEDED', 'REFUNDED') THEN
    RETURN QUERY SELECT 'PROCESSED', NULL::text, v_purchase.id, NULL::text, false, false, 0,
      jsonb_build_object('note', 'already_' || lower(v_purchase.status));
    RETURN;
  END IF;

  SELECT o.id, o.amount, o.currency, o."referrerId" INTO v_order
  FROM "Order" o
  WHERE o."purchaseId" = v_purchase.id AND (p_order_id IS NULL OR o.id = p_order_id)
  ORDER BY o."createdAt" DESC LIMIT 1;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'FAILED', 'order_not_found', v_purchase.id, NULL::text, false, false, 0, NULL::jsonb;
    RETURN;
  END IF;
  IF (p_amount IS NOT NULL AND p_amount IS DISTINCT FROM v_order.amount::numeric)
     OR (p_currency IS NOT NULL AND lower(p_currency) <> lower(v_order.currency)) THEN
    RETURN QUERY SELECT 'FAILED', 'amount_mismatch', v_purchase.id, v_order.id, false, false, 0,
      jsonb_build_object('orderId', v_order.id,
        'expected', jsonb_build_object('amount', v_order.amount, 'currency', v_order.currency));
    RETURN;
  END IF;

  v_referred := coalesce(v_order."referrerId", v_purchase."referrerId") IS NOT NULL;
  IF v_referred AND p_unreferred_only THEN RETURN; END IF;

  v_expires_at := CASE
    WHEN coalesce(v_purchase."accessDurationDays", 0) <> 0
      THEN p_now + make_interval(days => v_purchase."accessDurationDays")
    WHEN v_purchase.pricing_type = 'ONE_TIME' THEN NULL
    WHEN v_purchase.pricing_type = 'MONTHLY' THEN p_month_later
    ELSE p_year_later
  END;
  IF v_expires_at IS NULL AND v_purchase.pricing_type <> 'ONE_TIME'
     AND coalesce(v_purchase."accessDurationDays", 0) = 0 THEN
    RAISE EXCEPTION 'complete_purchase: a % offering needs its calendar period end', v_purchase.pricing_type;
  END IF;

  UPDATE "Purchase" SET status = 'SUCCEEDED', "accessGrantedAt" = p_now, "expiresAt" = v_expires_at,
         "updatedAt" = p_now
  WHERE id = v_purchase.id;
  UPDATE "Order" SET status = 'PAID', "paidAt" = p_now, "updatedAt" = p_now,
         "providerOrderId" = coalesce(p_provider_order_id, "providerOrderId"),
         "providerCaptureId" = coalesce(p_provider_capture_id, "providerCaptureId")
  WHERE id = v_order.id;
  v_granted := grant_purchase_access(v_purchase.id, v_purchase."userId", v_purchase."offeringId",
                                     v_expires_at, p_cause, p_event_id, NULL);

  RETURN QUERY SELECT 'PROCESSED', NULL::text, v_purchase.id, v_order.id, true, v_referred, v_granted,
    jsonb_build_object('orderId', v_order.id, 'communitiesGranted', v_granted);
END;
$$;

-- prisma/functions/grant_purchase_access.sql
-- grant_purchase_access: what a paid purchase gives, its offering's communities.
--
-- Adds the user to every community of the offering ("OfferingCommunity"), with a GRANT entry on
-- the access trail ("AccessEvent") for each new membership, and returns how many it added. The
-- (purchase, community) unique key makes it once per community however often it runs, whichever
-- path gets here first; a community added to the offering later is granted on the next run.
--
-- Called by complete_purchase (a first payment) and by lib/access/grant-purchase-access.ts
-- (renewals, an admin's grant). This file is the source: `npm run db:migration -- <name>` copies
-- it into a migration when it changes (docs/development.md).
CREATE OR REPLACE FUNCTION grant_purchase_access(
  p_purchase_id text,
  p_user_id text,
  p_offering_id text,
  p_expires_at timestamp(3),       -- the memberships' end (UTC), or null for never
  p_cause text,                    -- why, for the trail: "stripe checkout.session.completed evt_…"
  p_event_id text,                 -- the "ProcessedEvent" that caused it, or null
  p_actor_id text                  -- the admin who did it, or null
) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamp(3) := timezone('UTC', now());
  v_granted integer;
BEGIN
  WITH membership AS (
    INSERT INTO "Membership" (id, "userId", "communityId", "purchaseId", "expiresAt", "grantedAt")
    SELECT gen_random_uuid()::text, p_user_id, link."communityId", p_purchase_id, p_expires_at, v_now
    FROM "OfferingCommunity" link WHERE link."offeringId" = p_offering_id
    ON CONFLICT ("purchaseId", "communityId") DO NOTHING
    RETURNING id, "communityId"
  ), trail AS (
    INSERT INTO "AccessEvent" (id, action, "userId", "communityId", "membershipId", "purchaseId",
                               cause, "eventId", "actorId", "createdAt")
    SELECT gen_random_uuid()::text, 'GRANT', p_user_id, membership."communityId", membership.id,
           p_purchase_id, p_cause, p_event_id, p_actor_id, v_now
    FROM membership
    RETURNING 1
  )
  SELECT count(*)::int INTO v_granted FROM trail;
  RETURN v_granted;
END;
$$;

