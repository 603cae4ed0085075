-- outbox_order_paid: the trigger on "Order" that reports a renewal: an order paid on a purchase
-- that already had a paid order (every paid invoice of a subscription is an order, and so is each
-- renewal an external provider reports; the first paid order completes the purchase, which
-- outbox_purchase_changed reports). Writes subscription.renewed once per order (outbox_emit), in
-- the transaction that marks it paid.
--
-- Its triggers (the outbox migration) are deferred to the end of the transaction, so the subject
-- holds the access end the renewal moved to, and are called only when an order is inserted PAID
-- or its status becomes PAID. This file is the source: `npm run db:migration -- <name>` copies it
-- into a migration when it changes (docs/development.md).
CREATE OR REPLACE FUNCTION outbox_order_paid() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_ends_at timestamp(3);
BEGIN
  IF EXISTS (
    SELECT 1 FROM "Order" o
    WHERE o."purchaseId" = NEW."purchaseId" AND o.id <> NEW.id AND o."paidAt" IS NOT NULL
  ) THEN
    SELECT p."expiresAt" INTO v_ends_at FROM "Purchase" p WHERE p.id = NEW."purchaseId";
    PERFORM outbox_emit('subscription.renewed', 'subscription.renewed:' || NEW.id,
      jsonb_build_object('orderId', NEW.id, 'purchaseId', NEW."purchaseId", 'userId', NEW."userId",
                         'offeringId', NEW."offeringId", 'accessEndsAt', v_ends_at));
  END IF;
  RETURN NULL;
END;
$$;
