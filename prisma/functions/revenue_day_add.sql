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
