-- CreateTable
CREATE TABLE "RevenueDay" (
    "day" DATE NOT NULL,
    "currency" TEXT NOT NULL,
    "shard" INTEGER NOT NULL,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "gross" BIGINT NOT NULL DEFAULT 0,
    "refunded" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "RevenueDay_pkey" PRIMARY KEY ("day","currency","shard")
);

-- CreateTable
CREATE TABLE "CommissionDay" (
    "day" DATE NOT NULL,
    "currency" TEXT NOT NULL,
    "status" "CommissionStatus" NOT NULL,
    "held" BOOLEAN NOT NULL,
    "shard" INTEGER NOT NULL,
    "entries" INTEGER NOT NULL DEFAULT 0,
    "amount" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "CommissionDay_pkey" PRIMARY KEY ("day","currency","status","held","shard")
);

-- CreateIndex
CREATE INDEX "Subscription_status_offeringId_stripePriceId_idx" ON "Subscription"("status", "offeringId", "stripePriceId");

-- prisma/functions/commission_day_add.sql
-- commission_day_add: adds to the admin commission ledger's totals of one day (UTC of the
-- entry's createdAt), currency, stored status and "held for review" (flagged as a possible
-- self-referral and not approved): entries and their amount in minor units (negative to take
-- away). Called by the trigger of commission_day_commission. Each database connection adds to its
-- own shard (its backend pid modulo 16), so concurrent commissions never wait on one row; readers
-- sum the shards. This file is the source: `npm run db:migration -- <name>` copies it into a
-- migration when it changes (docs/development.md).
CREATE OR REPLACE FUNCTION commission_day_add(
  p_at timestamp(3),
  p_currency text,
  p_status "CommissionStatus",
  p_held boolean,
  p_entries integer,
  p_amount bigint
) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO "CommissionDay" (day, currency, status, held, shard, entries, amount)
  VALUES (date_trunc('day', p_at)::date, p_currency, p_status, p_held, pg_backend_pid() % 16,
          p_entries, p_amount)
  ON CONFLICT (day, currency, status, held, shard) DO UPDATE SET
    entries = "CommissionDay".entries + EXCLUDED.entries,
    amount = "CommissionDay".amount + EXCLUDED.amount;
$$;

-- prisma/functions/commission_day_commission.sql
-- commission_day_commission: the trigger on "Commission" that keeps "CommissionDay" equal to the
-- sums over every entry (lib/commissions/commission-totals-by-day.ts reads it): on any change
-- the old row's part is taken away and the new row's added. This file is the source:
-- `npm run db:migration -- <name>` copies it into a migration when it changes
-- (docs/development.md).
CREATE OR REPLACE FUNCTION commission_day_commission() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM commission_day_add(OLD."createdAt", OLD.currency, OLD.status,
      cardinality(OLD."reviewFlags") > 0 AND OLD."approvedAt" IS NULL, -1, -OLD.amount::bigint);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM commission_day_add(NEW."createdAt", NEW.currency, NEW.status,
      cardinality(NEW."reviewFlags") > 0 AND NEW."approvedAt" IS NULL, 1, NEW.amount::bigint);
  END IF;
  RETURN NULL;
END;
$$;

-- prisma/functions/commission_day_rebuild.sql
-- commission_day_rebuild: "CommissionDay" made afresh from "Commission", by the rule the trigger
-- (commission_day_commission) applies one change at a time. Run by the migration that made the
-- table, and by anything that writes commissions with triggers off (the admin benchmark's seed).
-- This file is the source: `npm run db:migration -- <name>` copies it into a migration when it
-- changes (docs/development.md).
CREATE OR REPLACE FUNCTION commission_day_rebuild() RETURNS void
LANGUAGE sql AS $$
  DELETE FROM "CommissionDay";
  INSERT INTO "CommissionDay" (day, currency, status, held, shard, entries, amount)
  SELECT date_trunc('day', c."createdAt")::date, c.currency, c.status,
         cardinality(c."reviewFlags") > 0 AND c."approvedAt" IS NULL, 0, count(*), sum(c.amount)
  FROM "Commission" c
  GROUP BY 1, 2, 3, 4;
$$;

-- prisma/functions/revenue_day_add.sql
-- revenue_day_add: adds to the dashboard's revenue of one day (UTC) and currency: orders paid
-- that day and their gross, and what was refunded that day, in minor units (negative to take
-- away). Called by the triggers of revenue_day_order and revenue_day_purchase.
--
-- Each database connection adds to its own shard of the day (its backend pid modulo 16), so
-- payments on concurrent connections never wait for one another's row; the dashboard sums the
-- shards. This file is the source: `npm run db:migration -- <name>` copies it into a migration
-- when it changes (docs/development.md).
CREATE OR REPLACE FUNCTION revenue_day_add(
  p_at timestamp(3),
  p_currency text,
  p_orders integer,
  p_gross bigint,
  p_refunded bigint
) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO "RevenueDay" (day, currency, shard, orders, gross, refunded)
  VALUES (date_trunc('day', p_at)::date, lower(p_currency), pg_backend_pid() % 16,
          p_orders, p_gross, p_refunded)
  ON CONFLICT (day, currency, shard) DO UPDATE SET
    orders = "RevenueDay".orders + EXCLUDED.orders,
    gross = "RevenueDay".gross + EXCLUDED.gross,
    refunded = "RevenueDay".refunded + EXCLUDED.refunded;
$$;

-- prisma/functions/revenue_day_order.sql
-- revenue_day_order: the trigger on "Order" that keeps "RevenueDay" equal to what the dashboard
-- shows (lib/admin/dashboard/revenue-by-day.ts). An order counts towards the gross of the day it
-- was paid while it is PAID or REFUNDED; a REFUNDED paid order counts towards the refunds of the
-- day its purchase was refunded ("Purchase"."refundedAt", which revenue_day_purchase follows).
-- On any change the old row's part is taken away and the new row's added.
--
-- A purchase deleted with its orders has already taken its refunds away (revenue_day_purchase,
-- before the delete); its orders, deleted after it, find no purchase and take only their gross.
-- This file is the source: `npm run db:migration -- <name>` copies it into a migration when it
-- changes (docs/development.md).
CREATE OR REPLACE FUNCTION revenue_day_order() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_refunded_at timestamp(3);
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."paidAt" IS NOT NULL
     AND OLD.status IN ('PAID', 'REFUNDED') THEN
    PERFORM revenue_day_add(OLD."paidAt", OLD.currency, -1, -OLD.amount::bigint, 0);
    IF OLD.status = 'REFUNDED' THEN
      SELECT p."refundedAt" INTO v_refunded_at FROM "Purchase" p WHERE p.id = OLD."purchaseId";
      IF v_refunded_at IS NOT NULL THEN
        PERFORM revenue_day_add(v_refunded_at, OLD.currency, 0, 0, -OLD.amount::bigint);
      END IF;
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."paidAt" IS NOT NULL
     AND NEW.status IN ('PAID', 'REFUNDED') THEN
    PERFORM revenue_day_add(NEW."paidAt", NEW.currency, 1, NEW.amount::bigint, 0);
    IF NEW.status = 'REFUNDED' THEN
      SELECT p."refundedAt" INTO v_refunded_at FROM "Purchase" p WHERE p.id = NEW."purchaseId";
      IF v_refunded_at IS NOT NULL THEN
        PERFORM revenue_day_add(v_refunded_at, NEW.currency, 0, 0, NEW.amount::bigint);
      END IF;
    END IF;
  END IF;
  RETURN NULL;
END;
$$;

-- prisma/functions/revenue_day_purchase.sql
-- revenue_day_purchase: the trigger on "Purchase" that moves the refunds of its REFUNDED paid
-- orders to the day it was refunded when "refundedAt" changes (after the update), and takes them
-- away when the purchase is deleted (before the delete, while its orders are still there).
-- revenue_day_order follows the orders themselves. This file is the source:
-- `npm run db:migration -- <name>` copies it into a migration when it changes
-- (docs/development.md).
CREATE OR REPLACE FUNCTION revenue_day_purchase() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_row record;
BEGIN
  FOR v_row IN
    SELECT o.currency, sum(o.amount)::bigint AS amount FROM "Order" o
    WHERE o."purchaseId" = OLD.id AND o.status = 'REFUNDED' AND o."paidAt" IS NOT NULL
    GROUP BY o.currency
  LOOP
    IF OLD."refundedAt" IS NOT NULL THEN
      PERFORM revenue_day_add(OLD."refundedAt", v_row.currency, 0, 0, -v_row.amount);
    END IF;
    IF TG_OP = 'UPDATE' AND NEW."refundedAt" IS NOT NULL THEN
      PERFORM revenue_day_add(NEW."refundedAt", v_row.currency, 0, 0, v_row.amount);
    END IF;
  END LOOP;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NULL;
END;
$$;

-- prisma/functions/revenue_day_rebuild.sql
-- revenue_day_rebuild: "RevenueDay" made afresh from "Order" and "Purchase", by the same rule the
-- triggers (revenue_day_order, revenue_day_purchase) apply one change at a time. Run by the
-- migration that made the table, and by anything that writes orders with triggers off (the
-- admin benchmark's seed). This file is the source: `npm run db:migration -- <name>` copies it
-- into a migration when it changes (docs/development.md).
CREATE OR REPLACE FUNCTION revenue_day_rebuild() RETURNS void
LANGUAGE sql AS $$
  DELETE FROM "RevenueDay";
  INSERT INTO "RevenueDay" (day, currency, shard, orders, gross, refunded)
  SELECT day, currency, 0, sum(orders)::int, sum(gross)::bigint, sum(refunded)::bigint
  FROM (
    SELECT date_trunc('day', o."paidAt")::date AS day, lower(o.currency) AS currency,
           count(*) AS orders, sum(o.amount) AS gross, 0 AS refunded
    FROM "Order" o
    WHERE o."paidAt" IS NOT NULL AND o.status IN ('PAID', 'REFUNDED')
    GROUP BY 1, 2
    UNION ALL
    SELECT date_trunc('day', p."refundedAt")::date, lower(o.currency), 0, 0, sum(o.amount)
    FROM "Purchase" p JOIN "Order" o ON o."purchaseId" = p.id
    WHERE p."refundedAt" IS NOT NULL AND o.status = 'REFUNDED' AND o."paidAt" IS NOT NULL
    GROUP BY 1, 2
  ) parts
  GROUP BY day, currency;
$$;

-- prisma/functions/revoke_purchase_access.sql
DROP FUNCTION revoke_purchase_access;
-- revoke_purchase_access: the memberships a purchase granted end now, each with a REVOKE entry
-- on the access trail; with p_keep_community_ids, all but those (a plan switch keeps what both
-- plans grant). Access the user holds through another purchase lives in other memberships and
-- stays. Returns how many it revoked.
--
-- Refunds, ended subscriptions (sync_subscription_access) and an admin's revoke call it, through
-- lib/access/revoke-purchase-access.ts. This file is the source: `npm run db:migration -- <name>`
-- copies it into a migration when it changes (docs/development.md).
CREATE OR REPLACE FUNCTION revoke_purchase_access(
  p_purchase_id text,
  p_cause text,                    -- why, for the trail
  p_event_id text,                 -- the "ProcessedEvent" that caused it, or null
  p_actor_id text,                 -- the admin who did it, or null
  p_keep_community_ids text[]      -- memberships of these communities stay
) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamp(3) := timezone('UTC', now());
  v_revoked integer;
BEGIN
  WITH revoked AS (
    UPDATE "Membership" SET "revokedAt" = v_now
    WHERE "purchaseId" = p_purchase_id AND "revokedAt" IS NULL
      AND "communityId" <> ALL (p_keep_community_ids)
    RETURNING id, "userId", "communityId"
  ), trail AS (
    INSERT INTO "AccessEvent" (id, action, "userId", "communityId", "membershipId", "purchaseId",
                               cause, "eventId", "actorId", "createdAt")
    SELECT gen_random_uuid()::text, 'REVOKE', revoked."userId", revoked."communityId", revoked.id,
           p_purchase_id, p_cause, p_event_id, p_actor_id, v_now
    FROM revoked
    RETURNING 1
  )
  SELECT count(*)::int INTO v_revoked FROM trail;
  RETURN v_revoked;
END;
$$;

-- prisma/functions/set_purchase_access_end.sql
-- set_purchase_access_end: moves the end of the access a purchase gives to p_until.
--
-- Each of the purchase's memberships whose end moves, or that was revoked, gets the new end
-- (reopened) and an entry on the access trail (a revoked one only if the offering grants its
-- community: one a plan switch took away stays revoked): GRANT for one reopened, EXTEND when its end moves
-- later (or had none), SHORTEN when it moves earlier. The purchase's own end follows, and
-- communities added to the offering since (or the first grant) get their membership now
-- (grant_purchase_access). Expiry itself is read at query time.
--
-- Renewals use it: subscriptions (sync_subscription_access) and recurring external payments,
-- through lib/access/set-purchase-access-end.ts. Returns how many entries of each kind it wrote.
-- This file is the source: `npm run db:migration -- <name>` copies it into a migration when it
-- changes (docs/development.md).
CREATE OR REPLACE FUNCTION set_purchase_access_end(
  p_purchase_id text,
  p_user_id text,
  p_offering_id text,
  p_until timestamp(3),            -- the new end (UTC)
  p_cause text,                    -- why, for the trail
  p_event_id text,                 -- the "ProcessedEvent" that caused it, or null
  p_actor_id text                  -- the admin who did it, or null
) RETURNS TABLE (granted integer, reopened integer, extended integer, shortened integer)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_now timestamp(3) := timezone('UTC', now());
  v_membership record;
  v_action "AccessAction";
  v_reopened integer := 0;
  v_extended integer := 0;
  v_shortened integer := 0;
BEGIN
  FOR v_membership IN
    SELECT m.id, m."communityId", m."expiresAt", m."revokedAt"
    FROM "Membership" m
    WHERE m."purchaseId" = p_purchase_id
      AND (m."revokedAt" IS NOT NULL OR m."expiresAt" IS DISTINCT FROM p_until)
      AND (m."revokedAt" IS NULL OR EXISTS (
        SELECT 1 FROM "OfferingCommunity" oc
        WHERE oc."offeringId" = p_offering_id AND oc."communityId" = m."communityId"))
  LOOP
    v_action := CASE
      WHEN v_membership."revokedAt" IS NOT NULL THEN 'GRANT'
      WHEN v_membership."expiresAt" IS NULL OR p_until > v_membership."expiresAt" THEN 'EXTEND'
      ELSE 'SHORTEN'
    END;
    UPDATE "Membership" SET "expiresAt" = p_until, "revokedAt" = NULL WHERE id = v_membership.id;
    -- After the membership moved: the outbox's trigger reports the end as it is now.
    INSERT INTO "AccessEvent" (id, action, "userId", "communityId", "membershipId", "purchaseId",
                               cause, "eventId", "actorId", "createdAt")
    VALUES (gen_random_uuid()::text, v_action, p_user_id, v_membership."communityId",
            v_membership.id, p_purchase_id, p_cause, p_event_id, p_actor_id, v_now);
    CASE v_action
      WHEN 'GRANT' THEN v_reopened := v_reopened + 1;
      WHEN 'EXTEND' THEN v_extended := v_extended + 1;
      ELSE v_shortened := v_shortened + 1;
    END CASE;
  END LOOP;

  UPDATE "Purchase" SET "expiresAt" = p_until, "updatedAt" = v_now WHERE id = p_purchase_id;
  RETURN QUERY SELECT
    grant_purchase_access(p_purchase_id, p_user_id, p_offering_id, p_until, p_cause, p_event_id,
                          p_actor_id),
    v_reopened, v_extended, v_shortened;
END;
$$;

-- prisma/functions/sync_subscription_access.sql
-- sync_subscription_access: brings a purchase's memberships in line with its subscription.
--
-- A subscription opens its communities to its period end while active or trialing (a period at
-- cancel_at_period_end included; a paid invoice whose `subscription.updated` is still on its way
-- counts too: the later of the period end and the paid-through end), to the end of the last paid
-- period while a renewal is failing (past_due), and not at all otherwise, nor when its purchase
-- is not SUCCEEDED (a refunded one stays refunded). Open: set_purchase_access_end (GRANT /
-- EXTEND / SHORTEN on the trail). Closed: revoke_purchase_access (REVOKE), and a succeeded
-- purchase's access ends now, never later, even when Stripe's (or a test clock's) end of the
-- subscription lies ahead of this server's clock. Expiry is read at query time, so a lapsed
-- past_due period needs no job.
--
-- lib/subscriptions/sync-subscription-access.ts calls it, and so do the renewal fast paths
-- (apply_subscription_update, apply_paid_invoice). This file is the source: `npm run
-- db:migration -- <name>` copies it into a migration when it changes (docs/development.md).
CREATE OR REPLACE FUNCTION sync_subscription_access(
  p_purchase_id text,
  p_user_id text,
  p_offering_id text,
  p_status text,                   -- the subscription as it is now: status, period end…
  p_current_period_end timestamp(3),
  p_paid_through timestamp(3),
  p_ended_at timestamp(3),
  p_cause text,                    -- why, for the trail
  p_event_id text,                 -- the "ProcessedEvent" that caused it, or null
  p_actor_id text,                 -- the admin who did it, or null
  p_now timestamp(3)               -- the caller's clock (UTC): when closed access ends
) RETURNS TABLE (granted integer, reopened integer, extended integer, shortened integer,
                 revoked integer)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_purchase_status text;
  v_until timestamp(3);
  v_revoked integer;
BEGIN
  SELECT p.status::text INTO v_purchase_status FROM "Purchase" p WHERE p.id = p_purchase_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'sync_subscription_access: no purchase %', p_purchase_id;
  END IF;
  v_until := CASE
    WHEN v_purchase_status <> 'SUCCEEDED' THEN NULL
    WHEN p_status IN ('active', 'trialing') THEN greatest(p_current_period_end, p_paid_through)
    WHEN p_status = 'past_due' THEN p_paid_through
  END;
  IF v_until IS NOT NULL THEN
    RETURN QUERY SELECT s.granted, s.reopened, s.extended, s.shortened, 0
      FROM set_purchase_access_end(p_purchase_id, p_user_id, p_offering_id, v_until, p_cause,
                                   p_event_id, p_actor_id) s;
    RETURN;
  END IF;

  v_revoked := revoke_purchase_access(p_purchase_id, p_cause, p_event_id, p_actor_id, '{}');
  IF v_purchase_status = 'SUCCEEDED' THEN
    UPDATE "Purchase"
    SET "expiresAt" = CASE WHEN p_ended_at < p_now THEN p_ended_at ELSE p_now END,
        "updatedAt" = p_now
    WHERE id = p_purchase_id;
  END IF;
  RETURN QUERY SELECT 0, 0, 0, 0, v_revoked;
END;
$$;


-- The triggers that keep "RevenueDay" (revenue_day_order, revenue_day_purchase), called only
-- when a change can move the dashboard's figures.
CREATE TRIGGER revenue_day_order_inserted AFTER INSERT ON "Order"
  FOR EACH ROW WHEN (NEW."paidAt" IS NOT NULL)
  EXECUTE FUNCTION revenue_day_order();
CREATE TRIGGER revenue_day_order_changed AFTER UPDATE ON "Order"
  FOR EACH ROW WHEN (
    OLD.status IS DISTINCT FROM NEW.status
    OR OLD."paidAt" IS DISTINCT FROM NEW."paidAt"
    OR OLD.amount IS DISTINCT FROM NEW.amount
    OR OLD.currency IS DISTINCT FROM NEW.currency
    OR OLD."purchaseId" IS DISTINCT FROM NEW."purchaseId")
  EXECUTE FUNCTION revenue_day_order();
CREATE TRIGGER revenue_day_order_deleted AFTER DELETE ON "Order"
  FOR EACH ROW WHEN (OLD."paidAt" IS NOT NULL)
  EXECUTE FUNCTION revenue_day_order();
CREATE TRIGGER revenue_day_purchase_refunded AFTER UPDATE ON "Purchase"
  FOR EACH ROW WHEN (OLD."refundedAt" IS DISTINCT FROM NEW."refundedAt")
  EXECUTE FUNCTION revenue_day_purchase();
CREATE TRIGGER revenue_day_purchase_deleted BEFORE DELETE ON "Purchase"
  FOR EACH ROW WHEN (OLD."refundedAt" IS NOT NULL)
  EXECUTE FUNCTION revenue_day_purchase();

-- The revenue of the orders already there.
SELECT revenue_day_rebuild();

-- The triggers that keep "CommissionDay" (commission_day_commission), called only when a change
-- can move the ledger's totals.
CREATE TRIGGER commission_day_inserted AFTER INSERT ON "Commission"
  FOR EACH ROW
  EXECUTE FUNCTION commission_day_commission();
CREATE TRIGGER commission_day_changed AFTER UPDATE ON "Commission"
  FOR EACH ROW WHEN (
    OLD.status IS DISTINCT FROM NEW.status
    OR OLD."createdAt" IS DISTINCT FROM NEW."createdAt"
    OR OLD.amount IS DISTINCT FROM NEW.amount
    OR OLD.currency IS DISTINCT FROM NEW.currency
    OR OLD."reviewFlags" IS DISTINCT FROM NEW."reviewFlags"
    OR OLD."approvedAt" IS DISTINCT FROM NEW."approvedAt")
  EXECUTE FUNCTION commission_day_commission();
CREATE TRIGGER commission_day_deleted AFTER DELETE ON "Commission"
  FOR EACH ROW
  EXECUTE FUNCTION commission_day_commission();

-- The totals of the entries already there.
SELECT commission_day_rebuild();

-- "Held for review" on the commissions page: entries flagged as possible self-referrals and not
-- approved, by status then oldest first, without reading every other entry (see schema.prisma).
-- The status is a key column, not part of the predicate: Prisma sends it as a cast of a text
-- parameter, which PostgreSQL cannot match against a partial index's predicate.
CREATE INDEX "Commission_held_for_review_idx" ON "Commission" (status, "createdAt", id)
  WHERE "reviewFlags" <> '{}' AND "approvedAt" IS NULL;
