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
