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
