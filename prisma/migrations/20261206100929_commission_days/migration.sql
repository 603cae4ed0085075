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
