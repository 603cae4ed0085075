-- outbox_commission_changed: the trigger on "Commission" (the referral ledger) that tells a
-- referrer what they earn, in the transaction of the change (outbox_emit):
--
--   an EARNING entry inserted   → commission.earned, once per entry (a paid order's commission at
--                                 one level of the upline; it is payable after the hold period);
--   status becomes PAID         → commission.paid, once per entry, an EARNING or, when a refund
--                                 came after the payout, its negative ADJUSTMENT settled in a
--                                 later payout (the payload's `kind` and signed `amount` say so).
--
-- A refund's reversal (REVERSED) and the ADJUSTMENT entry it writes report nothing of their own;
-- the refund is purchase.refunded. This file is the source: `npm run db:migration -- <name>`
-- copies it into a migration when it changes (docs/development.md).
CREATE OR REPLACE FUNCTION outbox_commission_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_subject jsonb := jsonb_build_object(
    'commissionId', NEW.id, 'orderId', NEW."orderId", 'beneficiaryId', NEW."beneficiaryId",
    'offeringId', NEW."offeringId");
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM outbox_emit('commission.earned', 'commission.earned:' || NEW.id, v_subject);
  ELSE
    PERFORM outbox_emit('commission.paid', 'commission.paid:' || NEW.id,
      v_subject || jsonb_build_object('payoutId', NEW."payoutId"));
  END IF;
  RETURN NULL;
END;
$$;
