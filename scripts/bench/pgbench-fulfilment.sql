-- pgbench transaction: what the database itself must do for one paid checkout.session.completed
-- event, the yardstick for `npm run bench:stripe-webhook` (scripts/bench/stripe-webhook.ts
-- prepares the rows, runs pgbench with this file and passes the variables). The same writes as
-- the app's webhook path, in one transaction, without HTTP, signature check, JSON parsing or ORM:
-- claim the event, lock the purchase with its offering, mark purchase and order paid, grant the
-- offering's communities with their trail, record how the event ended (the SQL functions
-- apply_paid_order, complete_purchase and grant_purchase_access in prisma/functions/).
--
-- Variables (-D): clients = pgbench's -c; n = 0 (each client counts its own transactions);
-- payload = the event as the app stores it (compact JSON; pgbench pastes it in, so no quotes ').
-- Client c's i-th transaction takes prepared row k = (i - 1) * clients + c + 1, so no two
-- transactions touch the same purchase and the prepared rows are used from 1 upwards.
\set n :n + 1
\set k (:n - 1) * :clients + :client_id + 1
BEGIN;
INSERT INTO "ProcessedEvent" (id, provider, "providerEventId", type, payload)
VALUES (gen_random_uuid()::text, 'stripe', 'evt_pgbench_' || :k, 'checkout.session.completed',
        ':payload'::jsonb)
ON CONFLICT (provider, "providerEventId") DO NOTHING
RETURNING id AS event_id \gset
SELECT p."userId" AS user_id, p."offeringId" AS offering_id,
       o."accessDurationDays" AS access_duration_days
FROM "Purchase" p JOIN "Offering" o ON o.id = p."offeringId"
WHERE p.id = 'pgbench-purchase-' || :k
FOR UPDATE OF p \gset
UPDATE "Purchase" SET status = 'SUCCEEDED', "accessGrantedAt" = now(), "expiresAt" = NULL,
       "updatedAt" = now()
WHERE id = 'pgbench-purchase-' || :k;
UPDATE "Order" SET status = 'PAID', "paidAt" = now(), "updatedAt" = now(),
       "providerOrderId" = 'cs_pgbench_' || :k, "providerCaptureId" = 'pi_pgbench_' || :k
WHERE id = 'pgbench-order-' || :k;
WITH granted AS (
  INSERT INTO "Membership" (id, "userId", "communityId", "purchaseId", "expiresAt")
  SELECT gen_random_uuid()::text, ':user_id', link."communityId", 'pgbench-purchase-' || :k, NULL
  FROM "OfferingCommunity" link WHERE link."offeringId" = ':offering_id'
  ON CONFLICT ("purchaseId", "communityId") DO NOTHING
  RETURNING id, "communityId"
), trail AS (
  INSERT INTO "AccessEvent" (id, action, "userId", "communityId", "membershipId", "purchaseId",
                             cause, "eventId", "actorId")
  SELECT gen_random_uuid()::text, 'GRANT', ':user_id', granted."communityId", granted.id,
         'pgbench-purchase-' || :k, 'stripe checkout.session.completed evt_pgbench_' || :k,
         ':event_id', NULL
  FROM granted
  RETURNING 1
)
SELECT count(*)::int AS granted FROM trail;
UPDATE "ProcessedEvent"
SET outcome = 'PROCESSED', error = NULL,
    details = jsonb_build_object('orderId', 'pgbench-order-' || :k, 'communitiesGranted', 1),
    "purchaseId" = 'pgbench-purchase-' || :k, "processedAt" = now(),
    payload = ':payload'::jsonb, attempts = attempts + 0
WHERE id = ':event_id';
COMMIT;
