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
