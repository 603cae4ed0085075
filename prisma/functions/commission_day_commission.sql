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
