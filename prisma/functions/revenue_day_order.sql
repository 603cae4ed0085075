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
