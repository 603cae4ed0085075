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
