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
