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
