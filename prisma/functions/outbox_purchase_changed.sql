-- outbox_purchase_changed: the trigger on "Purchase" that reports a purchase completing or being
-- refunded, in the transaction of the change (outbox_emit):
--
--   status becomes SUCCEEDED                  → purchase.completed, once per purchase;
--   status goes from SUCCEEDED to REFUNDED    → purchase.refunded, once per purchase
--                                               (a refund that arrives before the completion
--                                               refunds a purchase nobody was told of: no message).
--
-- Every path that completes or refunds a purchase changes this row (complete_purchase, the
-- subscription paths, refunds by webhook, reconcile or admin), so every path reports it, and a
-- duplicate delivery, which changes no row, reports nothing. Its triggers (the outbox migration)
-- are deferred to the end of the transaction and called only when the status changes, so the
-- subject holds what the transaction left: the order that paid and the access end (set after the
-- status in some paths), or the orders refunded. This file is the source: `npm run db:migration
-- -- <name>` copies it into a migration when it changes (docs/development.md).
CREATE OR REPLACE FUNCTION outbox_purchase_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_subject jsonb := jsonb_build_object(
    'purchaseId', NEW.id, 'userId', NEW."userId", 'offeringId', NEW."offeringId");
  v_order_id text;
  v_order_ids text[];
  v_amount integer;
  v_currency text;
  v_ends_at timestamp(3);
BEGIN
  IF NEW.status = 'SUCCEEDED' THEN
    SELECT o.id, o.amount, o.currency INTO v_order_id, v_amount, v_currency
    FROM "Order" o WHERE o."purchaseId" = NEW.id AND o."paidAt" IS NOT NULL
    ORDER BY o."paidAt", o."createdAt" LIMIT 1;
    SELECT p."expiresAt" INTO v_ends_at FROM "Purchase" p WHERE p.id = NEW.id;
    PERFORM outbox_emit('purchase.completed', 'purchase.completed:' || NEW.id,
      v_subject || jsonb_build_object('orderId', v_order_id, 'amount', v_amount,
                                      'currency', v_currency, 'accessEndsAt', v_ends_at));
  ELSIF NEW.status = 'REFUNDED' AND TG_OP = 'UPDATE' AND OLD.status = 'SUCCEEDED' THEN
    SELECT array_agg(o.id ORDER BY o."createdAt"), sum(o.amount), min(o.currency)
    INTO v_order_ids, v_amount, v_currency
    FROM "Order" o WHERE o."purchaseId" = NEW.id AND o.status = 'REFUNDED';
    PERFORM outbox_emit('purchase.refunded', 'purchase.refunded:' || NEW.id,
      v_subject || jsonb_build_object('refundedAt', NEW."refundedAt",
        'orderIds', to_jsonb(coalesce(v_order_ids, '{}')), 'amount', v_amount,
        'currency', v_currency));
  END IF;
  RETURN NULL;
END;
$$;
