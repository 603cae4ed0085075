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
