-- offering_purchase_count_rebuild: "OfferingPurchaseCount" made afresh from "Purchase", by the
-- rule the trigger (offering_purchase_count_purchase) applies one change at a time. Run by the
-- migration that made the table, and by anything that writes purchases with triggers off (the
-- admin benchmark's seed). This file is the source: `npm run db:migration -- <name>` copies it
-- into a migration when it changes (docs/development.md).
CREATE OR REPLACE FUNCTION offering_purchase_count_rebuild() RETURNS void
LANGUAGE sql AS $$
  DELETE FROM "OfferingPurchaseCount";
  INSERT INTO "OfferingPurchaseCount" ("offeringId", shard, purchases)
  SELECT p."offeringId", 0, count(*) FROM "Purchase" p GROUP BY p."offeringId";
$$;
