-- outbox_subscription_changed: the trigger on "Subscription" that reports its life, in the
-- transaction of the change (outbox_emit):
--
--   a row inserted                                → subscription.created, once;
--   status becomes past_due                       → subscription.past_due, each time it does;
--   cancel_at_period_end turns on, or status
--   becomes canceled                              → subscription.canceled, once per cancellation:
--                                                   keyed by Stripe's canceled_at, so the end of a
--                                                   period already announced as the last one says
--                                                   nothing new, and a resumed then re-canceled
--                                                   subscription is announced again.
--
-- Renewals are paid orders (outbox_order_paid). The subject carries the fields as they are after
-- the change. The triggers (the outbox migration) call it only on these changes. This file is
-- the source: `npm run db:migration -- <name>` copies it into a migration when it changes
-- (docs/development.md).
CREATE OR REPLACE FUNCTION outbox_subscription_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_subject jsonb := jsonb_build_object(
    'subscriptionId', NEW.id, 'purchaseId', NEW."purchaseId", 'userId', NEW."userId",
    'offeringId', NEW."offeringId", 'status', NEW.status,
    'cancelAtPeriodEnd', NEW."cancelAtPeriodEnd", 'currentPeriodEnd', NEW."currentPeriodEnd",
    'paidThrough', NEW."paidThrough", 'canceledAt', NEW."canceledAt", 'endedAt', NEW."endedAt");
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM outbox_emit('subscription.created', 'subscription.created:' || NEW.id, v_subject);
    RETURN NULL;
  END IF;
  IF NEW.status = 'past_due' AND OLD.status IS DISTINCT FROM 'past_due' THEN
    PERFORM outbox_emit('subscription.past_due',
      'subscription.past_due:' || NEW.id || ':' || txid_current(), v_subject);
  END IF;
  IF (NEW.status = 'canceled' AND OLD.status IS DISTINCT FROM 'canceled')
     OR (NEW."cancelAtPeriodEnd" AND NOT OLD."cancelAtPeriodEnd" AND NEW.status <> 'canceled') THEN
    PERFORM outbox_emit('subscription.canceled',
      'subscription.canceled:' || NEW.id || ':'
        || coalesce(to_char(NEW."canceledAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS'), txid_current()::text),
      v_subject);
  END IF;
  RETURN NULL;
END;
$$;
