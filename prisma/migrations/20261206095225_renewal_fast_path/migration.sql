-- prisma/functions/apply_paid_invoice.sql
-- apply_paid_invoice: an `invoice.paid` for a subscription's renewal, recorded and applied in one
-- statement, as lib/subscriptions/complete-invoice-payment.ts would have applied it. A renewal
-- invoice is an order that was paid: one new PAID order for the invoice, access to the paid
-- period's end.
--
-- In the statement's own transaction it claims the event (claim_stripe_event), locks our row of
-- the subscription, writes the paid order, moves the subscription's paid-through end forward
-- (clearing a payment failure), brings access in line (sync_subscription_access), refreshes the
-- user's plan (refresh_user_plan) and records the outcome with the details the general path
-- records. A copy of an event that already ended answers its outcome (duplicate = true) and
-- writes nothing.
--
-- It decides only the plain case: a subscription we know, whose purchase succeeded and was not
-- referred (commissions are written in TypeScript, lib/commissions), an invoice in the
-- offering's currency and prices, not recorded yet. Anything else (no row yet, a referral, a
-- mismatch, an order already there, an event that failed before) returns no row and leaves no
-- trace: the caller then takes the general path, which decides every case. The caller sends only
-- renewal invoices (billing_reason subscription_cycle) with their payment intent and no
-- discount. Locks are taken in the general path's order, event key first, then the subscription.
--
-- This file is the source: `npm run db:migration -- <name>` copies it into a migration when it
-- changes (docs/development.md).
CREATE OR REPLACE FUNCTION apply_paid_invoice(
  p_event_key text,
  p_type text,
  p_payload jsonb,
  p_cause text,
  p_now timestamp(3),              -- the caller's clock (UTC): when the order was paid
  p_stripe_subscription_id text,
  p_invoice_id text,
  p_amount_paid integer,
  p_currency text,
  p_price_ids text[],              -- the prices of the invoice's lines
  p_period_end timestamp(3),       -- the end of the period it paid for, or null
  p_payment_intent_id text
) RETURNS TABLE (outcome text, purchase_id text, duplicate boolean, granted integer,
                 reopened integer, extended integer, shortened integer, revoked integer)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_claim record;
  v_sub record;
  v_order_id text;
  v_paid_through timestamp(3);
  v_access record;
BEGIN
  SELECT * INTO v_claim FROM claim_stripe_event(p_event_key, p_type, p_payload, p_now);
  IF v_claim.event_id IS NULL THEN
    IF v_claim.outcome IN ('PROCESSED', 'IGNORED', 'UNMATCHED') THEN
      RETURN QUERY SELECT v_claim.outcome, v_claim.purchase_id, true, 0, 0, 0, 0, 0;
    END IF;
    RETURN;
  END IF;

  SELECT s.id, s."purchaseId", s."userId", s."offeringId", s.status::text AS status,
         s."currentPeriodEnd", s."paidThrough", s."endedAt"
  INTO v_sub
  FROM "Subscription" s WHERE s."stripeSubscriptionId" = p_stripe_subscription_id
  FOR UPDATE;
  IF NOT FOUND
     OR NOT EXISTS (SELECT 1 FROM "Purchase" p
                    WHERE p.id = v_sub."purchaseId" AND p.status = 'SUCCEEDED'
                      AND p."referrerId" IS NULL)
     OR NOT EXISTS (SELECT 1 FROM "Offering" f
                    WHERE f.id = v_sub."offeringId" AND lower(f.currency) = lower(p_currency))
     OR EXISTS (SELECT 1 FROM unnest(p_price_ids) AS line(price)
                WHERE NOT EXISTS (SELECT 1 FROM "OfferingPrice" op
                                  WHERE op."offeringId" = v_sub."offeringId"
                                    AND op."stripePriceId" = line.price))
     OR EXISTS (SELECT 1 FROM "Order" o
                WHERE o.provider = 'STRIPE' AND o."providerInvoiceId" = p_invoice_id) THEN
    DELETE FROM "ProcessedEvent" WHERE id = v_claim.event_id;
    RETURN;
  END IF;

  INSERT INTO "Order" (id, "purchaseId", "userId", "offeringId", amount, currency, provider, status,
                       "providerOrderId", "providerCaptureId", "providerInvoiceId", "paidAt",
                       "createdAt", "updatedAt")
  VALUES (gen_random_uuid()::text, v_sub."purchaseId", v_sub."userId", v_sub."offeringId",
          p_amount_paid, lower(p_currency), 'STRIPE', 'PAID', p_invoice_id, p_payment_intent_id,
          p_invoice_id, p_now, p_now, p_now)
  RETURNING id INTO v_order_id;
  v_paid_through := greatest(v_sub."paidThrough", p_period_end);
  UPDATE "Subscription"
  SET "paidThrough" = v_paid_through, "paymentFailure" = NULL, "updatedAt" = p_now
  WHERE id = v_sub.id;
  SELECT * INTO v_access FROM sync_subscription_access(
    v_sub."purchaseId", v_sub."userId", v_sub."offeringId", v_sub.status, v_sub."currentPeriodEnd",
    v_paid_through, v_sub."endedAt", p_cause, v_claim.event_id, NULL, p_now);
  PERFORM refresh_user_plan(v_sub."userId");

  UPDATE "ProcessedEvent"
  SET outcome = 'PROCESSED', "purchaseId" = v_sub."purchaseId", "processedAt" = p_now,
      details = jsonb_build_object(
        'invoice', p_invoice_id, 'orderId', v_order_id, 'amountPaid', p_amount_paid,
        'granted', v_access.granted,
        'changed', v_access.reopened + v_access.extended + v_access.shortened,
        'revoked', v_access.revoked)
  WHERE id = v_claim.event_id;
  RETURN QUERY SELECT 'PROCESSED'::text, v_sub."purchaseId", false, v_access.granted,
    v_access.reopened, v_access.extended, v_access.shortened, v_access.revoked;
END;
$$;

-- prisma/functions/apply_subscription_update.sql
-- apply_subscription_update: a `customer.subscription.updated` that moves a subscription forward
-- (a renewal's new period, a cancellation at period end, past_due…), recorded and applied in one
-- statement, as lib/subscriptions/apply-stripe-subscription.ts would have applied it.
--
-- In the statement's own transaction it claims the event (claim_stripe_event), locks our row of
-- the subscription, writes the snapshot's fields and the event's time, brings access in line
-- (sync_subscription_access), refreshes the user's plan (refresh_user_plan) and records the
-- outcome with the details the general path records. A copy of an event that already ended
-- answers its outcome (duplicate = true) and writes nothing.
--
-- It decides only the plain case: an event strictly newer than the newest one applied, to a
-- subscription we know, not ended, with the same customer and price, whose purchase succeeded.
-- Anything else (no row yet, a stale event, a tie within one second, an ended subscription, a
-- plan switch, a pending or refunded purchase, an event that failed before) returns no row and
-- leaves no trace: the caller then takes the general path, which decides every case. Locks are
-- taken in the general path's order, event key first, then the subscription.
--
-- This file is the source: `npm run db:migration -- <name>` copies it into a migration when it
-- changes (docs/development.md).
CREATE OR REPLACE FUNCTION apply_subscription_update(
  p_event_key text,
  p_type text,
  p_payload jsonb,
  p_event_created timestamp(3),    -- the event's `created` (UTC)
  p_cause text,
  p_now timestamp(3),              -- the caller's clock (UTC)
  -- the snapshot, as lib/stripe/subscription-schemas.ts subscriptionFields reads it:
  p_stripe_subscription_id text,
  p_customer text,
  p_price_id text,
  p_status text,
  p_current_period_start timestamp(3),
  p_current_period_end timestamp(3),
  p_cancel_at_period_end boolean,
  p_canceled_at timestamp(3),
  p_ended_at timestamp(3),
  p_trial_start timestamp(3),
  p_trial_end timestamp(3)
) RETURNS TABLE (outcome text, purchase_id text, duplicate boolean, granted integer,
                 reopened integer, extended integer, shortened integer, revoked integer)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_claim record;
  v_sub record;
  v_access record;
  v_plan record;
BEGIN
  SELECT * INTO v_claim FROM claim_stripe_event(p_event_key, p_type, p_payload, p_now);
  IF v_claim.event_id IS NULL THEN
    IF v_claim.outcome IN ('PROCESSED', 'IGNORED', 'UNMATCHED') THEN
      RETURN QUERY SELECT v_claim.outcome, v_claim.purchase_id, true, 0, 0, 0, 0, 0;
    END IF;
    RETURN;
  END IF;

  SELECT s.id, s."purchaseId", s."userId", s."offeringId", s.status::text AS status,
         s."stripeCustomerId", s."stripePriceId", s."paidThrough", s."lastEventAt"
  INTO v_sub
  FROM "Subscription" s WHERE s."stripeSubscriptionId" = p_stripe_subscription_id
  FOR UPDATE;
  IF NOT FOUND
     OR p_event_created <= v_sub."lastEventAt"
     OR v_sub.status IN ('canceled', 'incomplete_expired')
     OR v_sub."stripeCustomerId" IS DISTINCT FROM p_customer
     OR v_sub."stripePriceId" IS DISTINCT FROM p_price_id
     OR NOT EXISTS (SELECT 1 FROM "Purchase" p
                    WHERE p.id = v_sub."purchaseId" AND p.status = 'SUCCEEDED') THEN
    DELETE FROM "ProcessedEvent" WHERE id = v_claim.event_id;
    RETURN;
  END IF;

  UPDATE "Subscription"
  SET status = p_status::"SubscriptionStatus", "currentPeriodStart" = p_current_period_start,
      "currentPeriodEnd" = p_current_period_end, "cancelAtPeriodEnd" = p_cancel_at_period_end,
      "canceledAt" = p_canceled_at, "endedAt" = p_ended_at, "trialStart" = p_trial_start,
      "trialEnd" = p_trial_end, "lastEventAt" = p_event_created, "updatedAt" = p_now
  WHERE id = v_sub.id;
  SELECT * INTO v_access FROM sync_subscription_access(
    v_sub."purchaseId", v_sub."userId", v_sub."offeringId", p_status, p_current_period_end,
    v_sub."paidThrough", p_ended_at, p_cause, v_claim.event_id, NULL, p_now);
  SELECT * INTO v_plan FROM refresh_user_plan(v_sub."userId");

  UPDATE "ProcessedEvent"
  SET outcome = 'PROCESSED', "purchaseId" = v_sub."purchaseId", "processedAt" = p_now,
      details = jsonb_build_object(
        'subscription', v_sub.id, 'status', p_status, 'granted', v_access.granted,
        'changed', v_access.reopened + v_access.extended + v_access.shortened,
        'revoked', v_access.revoked, 'plan', v_plan.plan)
  WHERE id = v_claim.event_id;
  RETURN QUERY SELECT 'PROCESSED'::text, v_sub."purchaseId", false, v_access.granted,
    v_access.reopened, v_access.extended, v_access.shortened, v_access.revoked;
END;
$$;

-- prisma/functions/claim_stripe_event.sql
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

-- prisma/functions/refresh_user_plan.sql
-- refresh_user_plan: the user's plan from their subscriptions. `plan` and
-- `stripeSubscriptionStatus` are what sellers' own code reads: 'pro' while any subscription is
-- active or trialing, 'free' otherwise; the status of the most alive one (active, trialing,
-- past_due, unpaid, paused, incomplete, canceled, incomplete_expired, in that order), or null.
--
-- lib/subscriptions/refresh-user-plan.ts calls it, and so do the renewal fast paths
-- (apply_subscription_update, apply_paid_invoice). This file is the source: `npm run
-- db:migration -- <name>` copies it into a migration when it changes (docs/development.md).
CREATE OR REPLACE FUNCTION refresh_user_plan(p_user_id text)
RETURNS TABLE (plan text, status text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_statuses text[];
  v_status text;
  v_plan text;
BEGIN
  SELECT coalesce(array_agg(DISTINCT s.status::text), '{}') INTO v_statuses
  FROM "Subscription" s WHERE s."userId" = p_user_id;
  SELECT candidate INTO v_status
  FROM unnest(ARRAY['active', 'trialing', 'past_due', 'unpaid', 'paused', 'incomplete',
                    'canceled', 'incomplete_expired']) WITH ORDINALITY AS t(candidate, rank)
  WHERE candidate = ANY (v_statuses)
  ORDER BY rank LIMIT 1;
  v_plan := CASE WHEN v_statuses && ARRAY['active', 'trialing'] THEN 'pro' ELSE 'free' END;
  UPDATE "User" SET plan = v_plan, "stripeSubscriptionStatus" = v_status::"SubscriptionStatus",
         "updatedAt" = timezone('UTC', now())
  WHERE id = p_user_id;
  RETURN QUERY SELECT v_plan, v_status;
END;
$$;

-- prisma/functions/revoke_purchase_access.sql
-- revoke_purchase_access: the memberships a purchase granted end now, each with a REVOKE entry
-- on the access trail. Access the user holds through another purchase lives in other
-- memberships and stays. Returns how many it revoked.
--
-- Refunds, ended subscriptions (sync_subscription_access) and an admin's revoke call it, through
-- lib/access/revoke-purchase-access.ts. This file is the source: `npm run db:migration -- <name>`
-- copies it into a migration when it changes (docs/development.md).
CREATE OR REPLACE FUNCTION revoke_purchase_access(
  p_purchase_id text,
  p_cause text,                    -- why, for the trail
  p_event_id text,                 -- the "ProcessedEvent" that caused it, or null
  p_actor_id text                  -- the admin who did it, or null
) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamp(3) := timezone('UTC', now());
  v_revoked integer;
BEGIN
  WITH revoked AS (
    UPDATE "Membership" SET "revokedAt" = v_now
    WHERE "purchaseId" = p_purchase_id AND "revokedAt" IS NULL
    RETURNING id, "userId", "communityId"
  ), trail AS (
    INSERT INTO "AccessEvent" (id, action, "userId", "communityId", "membershipId", "purchaseId",
                               cause, "eventId", "actorId", "createdAt")
    SELECT gen_random_uuid()::text, 'REVOKE', revoked."userId", revoked."communityId", revoked.id,
           p_purchase_id, p_cause, p_event_id, p_actor_id, v_now
    FROM revoked
    RETURNING 1
  )
  SELECT count(*)::int INTO v_revoked FROM trail;
  RETURN v_revoked;
END;
$$;

-- prisma/functions/set_purchase_access_end.sql
-- set_purchase_access_end: moves the end of the access a purchase gives to p_until.
--
-- Each of the purchase's memberships whose end moves, or that was revoked, gets the new end
-- (reopened) and an entry on the access trail: GRANT for one reopened, EXTEND when its end moves
-- later (or had none), SHORTEN when it moves earlier. The purchase's own end follows, and
-- communities added to the offering since (or the first grant) get their membership now
-- (grant_purchase_access). Expiry itself is read at query time.
--
-- Renewals use it: subscriptions (sync_subscription_access) and recurring external payments,
-- through lib/access/set-purchase-access-end.ts. Returns how many entries of each kind it wrote.
-- This file is the source: `npm run db:migration -- <name>` copies it into a migration when it
-- changes (docs/development.md).
CREATE OR REPLACE FUNCTION set_purchase_access_end(
  p_purchase_id text,
  p_user_id text,
  p_offering_id text,
  p_until timestamp(3),            -- the new end (UTC)
  p_cause text,                    -- why, for the trail
  p_event_id text,                 -- the "ProcessedEvent" that caused it, or null
  p_actor_id text                  -- the admin who did it, or null
) RETURNS TABLE (granted integer, reopened integer, extended integer, shortened integer)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_now timestamp(3) := timezone('UTC', now());
  v_membership record;
  v_action "AccessAction";
  v_reopened integer := 0;
  v_extended integer := 0;
  v_shortened integer := 0;
BEGIN
  FOR v_membership IN
    SELECT m.id, m."communityId", m."expiresAt", m."revokedAt"
    FROM "Membership" m
    WHERE m."purchaseId" = p_purchase_id
      AND (m."revokedAt" IS NOT NULL OR m."expiresAt" IS DISTINCT FROM p_until)
  LOOP
    v_action := CASE
      WHEN v_membership."revokedAt" IS NOT NULL THEN 'GRANT'
      WHEN v_membership."expiresAt" IS NULL OR p_until > v_membership."expiresAt" THEN 'EXTEND'
      ELSE 'SHORTEN'
    END;
    UPDATE "Membership" SET "expiresAt" = p_until, "revokedAt" = NULL WHERE id = v_membership.id;
    -- After the membership moved: the outbox's trigger reports the end as it is now.
    INSERT INTO "AccessEvent" (id, action, "userId", "communityId", "membershipId", "purchaseId",
                               cause, "eventId", "actorId", "createdAt")
    VALUES (gen_random_uuid()::text, v_action, p_user_id, v_membership."communityId",
            v_membership.id, p_purchase_id, p_cause, p_event_id, p_actor_id, v_now);
    CASE v_action
      WHEN 'GRANT' THEN v_reopened := v_reopened + 1;
      WHEN 'EXTEND' THEN v_extended := v_extended + 1;
      ELSE v_shortened := v_shortened + 1;
    END CASE;
  END LOOP;

  UPDATE "Purchase" SET "expiresAt" = p_until, "updatedAt" = v_now WHERE id = p_purchase_id;
  RETURN QUERY SELECT
    grant_purchase_access(p_purchase_id, p_user_id, p_offering_id, p_until, p_cause, p_event_id,
                          p_actor_id),
    v_reopened, v_extended, v_shortened;
END;
$$;

-- prisma/functions/sync_subscription_access.sql
-- sync_subscription_access: brings a purchase's memberships in line with its subscription.
--
-- A subscription opens its communities to its period end while active or trialing (a period at
-- cancel_at_period_end included; a paid invoice whose `subscription.updated` is still on its way
-- counts too: the later of the period end and the paid-through end), to the end of the last paid
-- period while a renewal is failing (past_due), and not at all otherwise, nor when its purchase
-- is not SUCCEEDED (a refunded one stays refunded). Open: set_purchase_access_end (GRANT /
-- EXTEND / SHORTEN on the trail). Closed: revoke_purchase_access (REVOKE), and a succeeded
-- purchase's access ends now, never later, even when Stripe's (or a test clock's) end of the
-- subscription lies ahead of this server's clock. Expiry is read at query time, so a lapsed
-- past_due period needs no job.
--
-- lib/subscriptions/sync-subscription-access.ts calls it, and so do the renewal fast paths
-- (apply_subscription_update, apply_paid_invoice). This file is the source: `npm run
-- db:migration -- <name>` copies it into a migration when it changes (docs/development.md).
CREATE OR REPLACE FUNCTION sync_subscription_access(
  p_purchase_id text,
  p_user_id text,
  p_offering_id text,
  p_status text,                   -- the subscription as it is now: status, period end…
  p_current_period_end timestamp(3),
  p_paid_through timestamp(3),
  p_ended_at timestamp(3),
  p_cause text,                    -- why, for the trail
  p_event_id text,                 -- the "ProcessedEvent" that caused it, or null
  p_actor_id text,                 -- the admin who did it, or null
  p_now timestamp(3)               -- the caller's clock (UTC): when closed access ends
) RETURNS TABLE (granted integer, reopened integer, extended integer, shortened integer,
                 revoked integer)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_purchase_status text;
  v_until timestamp(3);
  v_revoked integer;
BEGIN
  SELECT p.status::text INTO v_purchase_status FROM "Purchase" p WHERE p.id = p_purchase_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'sync_subscription_access: no purchase %', p_purchase_id;
  END IF;
  v_until := CASE
    WHEN v_purchase_status <> 'SUCCEEDED' THEN NULL
    WHEN p_status IN ('active', 'trialing') THEN greatest(p_current_period_end, p_paid_through)
    WHEN p_status = 'past_due' THEN p_paid_through
  END;
  IF v_until IS NOT NULL THEN
    RETURN QUERY SELECT s.granted, s.reopened, s.extended, s.shortened, 0
      FROM set_purchase_access_end(p_purchase_id, p_user_id, p_offering_id, v_until, p_cause,
                                   p_event_id, p_actor_id) s;
    RETURN;
  END IF;

  v_revoked := revoke_purchase_access(p_purchase_id, p_cause, p_event_id, p_actor_id);
  IF v_purchase_status = 'SUCCEEDED' THEN
    UPDATE "Purchase"
    SET "expiresAt" = CASE WHEN p_ended_at < p_now THEN p_ended_at ELSE p_now END,
        "updatedAt" = p_now
    WHERE id = p_purchase_id;
  END IF;
  RETURN QUERY SELECT 0, 0, 0, 0, v_revoked;
END;
$$;

