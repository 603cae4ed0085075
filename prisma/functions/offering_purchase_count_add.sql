-- offering_purchase_count_add: adds p_purchases (negative to take away) to the count of an
-- offering's purchases that the admin offerings list shows ("OfferingPurchaseCount"). Called by
-- the trigger of offering_purchase_count_purchase.
--
-- Each database connection adds to its own shard of the offering (its backend pid modulo 16), so
-- checkouts of one offering on concurrent connections never wait for one another's row; readers
-- sum the shards. This file is the source: `npm run db:migration -- <name>` copies it into a
-- migration when it changes (docs/development.md).
CREATE OR REPLACE FUNCTION offering_purchase_count_add(
  p_offering_id text,
  p_purchases integer
) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO "OfferingPurchaseCount" ("offeringId", shard, purchases)
  VALUES (p_offering_id, pg_backend_pid() % 16, p_purchases)
  ON CONFLICT ("offeringId", shard) DO UPDATE SET
    purchases = "OfferingPurchaseCount".purchases + EXCLUDED.purchases;
$$;
