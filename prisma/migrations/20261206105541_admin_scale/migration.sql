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
