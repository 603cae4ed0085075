-- CreateEnum
CREATE TYPE "OutboxChannel" AS ENUM ('WEBHOOK', 'EMAIL');

-- CreateEnum
CREATE TYPE "OutboxDeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'DEAD', 'CANCELED');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "commissionEmails" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "dedupeKey" TEXT NOT NULL,
    "subject" JSONB NOT NULL,
    "data" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dispatchedAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxDelivery" (
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "channel" "OutboxChannel" NOT NULL,
    "endpointId" TEXT,
    "recipient" TEXT,
    "template" TEXT,
    "status" "OutboxDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutboxDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxAttempt" (
    "id" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "requestId" TEXT NOT NULL,
    "status" INTEGER,
    "error" TEXT,
    "latencyMs" INTEGER NOT NULL,
    "responseExcerpt" TEXT,
    "nextRetryAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "eventTypes" TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabledAt" TIMESTAMP(3),
    "disabledReason" TEXT,
    "secret" TEXT NOT NULL,
    "previousSecret" TEXT,
    "previousSecretExpiresAt" TIMESTAMP(3),
    "failingSince" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_dispatchedAt_createdAt_idx" ON "OutboxMessage"("dispatchedAt", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_type_createdAt_idx" ON "OutboxMessage"("type", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxDelivery_status_nextAttemptAt_idx" ON "OutboxDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxDelivery_endpointId_createdAt_idx" ON "OutboxDelivery"("endpointId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxDelivery_messageId_endpointId_key" ON "OutboxDelivery"("messageId", "endpointId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxDelivery_messageId_channel_recipient_template_key" ON "OutboxDelivery"("messageId", "channel", "recipient", "template");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxAttempt_deliveryId_number_key" ON "OutboxAttempt"("deliveryId", "number");

-- CreateIndex
CREATE INDEX "Membership_expiresAt_idx" ON "Membership"("expiresAt");

-- AddForeignKey
ALTER TABLE "OutboxDelivery" ADD CONSTRAINT "OutboxDelivery_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "OutboxMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxDelivery" ADD CONSTRAINT "OutboxDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxAttempt" ADD CONSTRAINT "OutboxAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "OutboxDelivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- prisma/functions/outbox_access_changed.sql
-- outbox_access_changed: the trigger on "AccessEvent" (the access trail) that reports each change
-- of access, in the transaction that writes it (outbox_emit), one message per trail entry:
--
--   GRANT    → access.granted (a new membership, or one reopened);
--   EXTEND   → access.extended (its end moved later);
--   SHORTEN  → access.extended too, with the new, earlier end: a receiver that keeps the end
--              date stays right (a subscription falling past due ends at its paid period);
--   REVOKE   → access.revoked.
--
-- Every grant and revoke writes the trail (grant_purchase_access, lib/access), whatever the path:
-- payments, renewals, refunds, an admin's grant or revoke. Access that ends by time writes no
-- trail; the expiry scan reports it (lib/outbox/scan-expired-access.ts). The subject carries the
-- membership's end as it is now, after the change. This file is the source: `npm run
-- db:migration -- <name>` copies it into a migration when it changes (docs/development.md).
CREATE OR REPLACE FUNCTION outbox_access_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_type text := CASE NEW.action
    WHEN 'GRANT' THEN 'access.granted'
    WHEN 'REVOKE' THEN 'access.revoked'
    ELSE 'access.extended'
  END;
  v_ends_at timestamp(3);
BEGIN
  SELECT m."expiresAt" INTO v_ends_at FROM "Membership" m WHERE m.id = NEW."membershipId";
  PERFORM outbox_emit(v_type, v_type || ':' || NEW.id, jsonb_build_object(
    'accessEventId', NEW.id, 'action', NEW.action, 'membershipId', NEW."membershipId",
    'userId', NEW."userId", 'communityId', NEW."communityId", 'purchaseId', NEW."purchaseId",
    'manual', NEW."actorId" IS NOT NULL, 'accessEndsAt', v_ends_at, 'at', NEW."createdAt"));
  RETURN NULL;
END;
$$;

-- prisma/functions/outbox_commission_changed.sql
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

-- prisma/functions/outbox_emit.sql
-- outbox_emit: the one writer of an "OutboxMessage" (the transactional outbox, docs/outgoing-webhooks.md).
--
-- Writes a message of `p_type` about `p_subject` (the ids the fact is about; the dispatcher in
-- lib/notifications builds the payload from them later) in the caller's transaction, so the
-- message exists exactly when the change it reports commits. The same fact is written once:
-- a second message with the same `p_dedupe_key` is dropped. Wakes the outbox workers (LISTEN
-- outbox) when the transaction commits. Returns the message id ("msg_…", the webhook-id
-- receivers dedupe on), or null when the fact was already written.
--
-- Called by the outbox triggers (outbox_*_changed, on the rows each fact is about) and by
-- lib/outbox/emit-message.ts (facts no row change carries: access that ended by time). This file
-- is the source: `npm run db:migration -- <name>` copies it into a migration when it changes
-- (docs/development.md).
CREATE OR REPLACE FUNCTION outbox_emit(
  p_type text,
  p_dedupe_key text,
  p_subject jsonb
) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  v_id text;
BEGIN
  INSERT INTO "OutboxMessage" (id, type, "dedupeKey", subject, "createdAt")
  VALUES ('msg_' || replace(gen_random_uuid()::text, '-', ''), p_type, p_dedupe_key, p_subject,
          timezone('UTC', now()))
  ON CONFLICT ("dedupeKey") DO NOTHING
  RETURNING id INTO v_id;
  IF v_id IS NOT NULL THEN
    -- Notifications with the same payload in one transaction are delivered once, at commit.
    PERFORM pg_notify('outbox', '');
  END IF;
  RETURN v_id;
END;
$$;

-- prisma/functions/outbox_order_paid.sql
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

-- prisma/functions/outbox_purchase_changed.sql
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

-- prisma/functions/outbox_subscription_changed.sql
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


-- The outbox triggers (written by hand; the functions above are prisma/functions/outbox_*.sql).
-- Each runs in the transaction of the change it reports, and only when the change is one the
-- event catalogue names (docs/outgoing-webhooks.md), so every other write pays nothing. Those on
-- "Purchase" and "Order" are deferred to the transaction's end, where the paths have also set
-- the access end and the orders that the message's subject records.
CREATE CONSTRAINT TRIGGER outbox_purchase_inserted AFTER INSERT ON "Purchase"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.status = 'SUCCEEDED')
  EXECUTE FUNCTION outbox_purchase_changed();
CREATE CONSTRAINT TRIGGER outbox_purchase_status AFTER UPDATE OF status ON "Purchase"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status AND NEW.status IN ('SUCCEEDED', 'REFUNDED'))
  EXECUTE FUNCTION outbox_purchase_changed();

CREATE CONSTRAINT TRIGGER outbox_order_inserted_paid AFTER INSERT ON "Order"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.status = 'PAID')
  EXECUTE FUNCTION outbox_order_paid();
CREATE CONSTRAINT TRIGGER outbox_order_paid AFTER UPDATE OF status ON "Order"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.status = 'PAID' AND OLD.status IS DISTINCT FROM 'PAID')
  EXECUTE FUNCTION outbox_order_paid();

CREATE TRIGGER outbox_access_event AFTER INSERT ON "AccessEvent"
  FOR EACH ROW
  EXECUTE FUNCTION outbox_access_changed();

CREATE TRIGGER outbox_subscription_inserted AFTER INSERT ON "Subscription"
  FOR EACH ROW
  EXECUTE FUNCTION outbox_subscription_changed();
CREATE TRIGGER outbox_subscription_changed AFTER UPDATE ON "Subscription"
  FOR EACH ROW WHEN (
    (OLD.status IS DISTINCT FROM NEW.status AND NEW.status IN ('past_due', 'canceled'))
    OR (NEW."cancelAtPeriodEnd" AND NOT OLD."cancelAtPeriodEnd"))
  EXECUTE FUNCTION outbox_subscription_changed();

CREATE TRIGGER outbox_commission_earned AFTER INSERT ON "Commission"
  FOR EACH ROW WHEN (NEW.kind = 'EARNING')
  EXECUTE FUNCTION outbox_commission_changed();
CREATE TRIGGER outbox_commission_paid AFTER UPDATE OF status ON "Commission"
  FOR EACH ROW WHEN (NEW.status = 'PAID' AND OLD.status IS DISTINCT FROM 'PAID')
  EXECUTE FUNCTION outbox_commission_changed();
