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

  v_revoked := revoke_purchase_access(p_purchase_id, p_cause, p_event_id, p_actor_id, '{}');
  IF v_purchase_status = 'SUCCEEDED' THEN
    UPDATE "Purchase"
    SET "expiresAt" = CASE WHEN p_ended_at < p_now THEN p_ended_at ELSE p_now END,
        "updatedAt" = p_now
    WHERE id = p_purchase_id;
  END IF;
  RETURN QUERY SELECT 0, 0, 0, 0, v_revoked;
END;
$$;
