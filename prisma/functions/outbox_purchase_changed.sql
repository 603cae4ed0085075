-- outbox_purchase_changed: the trigger on "Purchase" that reports a purchase completing or being
-- refunded, in the transaction of the change (outbox_emit).
--
--   status becomes SUCCEEDED                  → purchase.completed, once per purchase;
--   status goes from SUCCEEDED to REFUNDED    → purchase.refunded, once per purchase
--                                               (a refund that arrives before the completion
--                                               refunds a purchase nobody was told of: no message).
--
-- Every path that completes or refunds a purchase changes this row (complete_purchase, the
-- subscription paths, refunds by webhook, reconcile or admin), so every path reports it, and a
-- duplicate delivery, which changes no row, reports nothing. The triggers (the outbox migration)
-- call it only when the status changes. This file is the source: `npm run db:migration -- <name>`
-- copies it into a migration when it changes (docs/development.md).
CREATE OR REPLACE FUNCTION outbox_purchase_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_subject jsonb := jsonb_build_object(
    'purchaseId', NEW.id, 'userId', NEW."userId", 'offeringId', NEW."offeringId");
BEGIN
  IF NEW.status = 'SUCCEEDED' THEN
    PERFORM outbox_emit('purchase.completed', 'purchase.completed:' || NEW.id, v_subject);
  ELSIF NEW.status = 'REFUNDED' AND TG_OP = 'UPDATE' AND OLD.status = 'SUCCEEDED' THEN
    PERFORM outbox_emit('purchase.refunded', 'purchase.refunded:' || NEW.id,
      v_subject || jsonb_build_object('refundedAt', NEW."refundedAt"));
  END IF;
  RETURN NULL;
END;
$$;
