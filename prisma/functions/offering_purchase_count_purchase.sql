-- offering_purchase_count_purchase: the trigger on "Purchase" that keeps "OfferingPurchaseCount"
-- equal to the number of purchases of each offering, whatever their status (pending, failed,
-- refunded… all count), which lib/offerings/list-offerings.ts shows beside each offering. A new
-- purchase adds one, a deleted one takes one away, and one moved to another offering (a plan
-- switch) moves its one. This file is the source: `npm run db:migration -- <name>` copies it into
-- a migration when it changes (docs/development.md).
CREATE OR REPLACE FUNCTION offering_purchase_count_purchase() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM offering_purchase_count_add(OLD."offeringId", -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM offering_purchase_count_add(NEW."offeringId", 1);
  END IF;
  RETURN NULL;
END;
$$;
