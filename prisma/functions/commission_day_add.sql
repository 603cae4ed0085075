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
