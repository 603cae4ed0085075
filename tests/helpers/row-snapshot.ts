import { db } from "@/lib/db";

const TABLES = [
  "User",
  "Purchase",
  "Order",
  "Subscription",
  "Membership",
  "AccessEvent",
  "Commission",
  "ProcessedEvent",
] as const;

/**
 * Every row of the tables a payment can touch, as JSON: two equal snapshots mean nothing was
 * inserted, updated or deleted in between (not even a timestamp or an attempt counter).
 */
export async function rowSnapshot(): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const rows = await db.$queryRawUnsafe<Array<{ row: unknown }>>(
      `SELECT to_jsonb(t) AS row FROM "${table}" t ORDER BY id`,
    );
    snapshot[table] = rows.map(({ row }) => row);
  }
  return snapshot;
}
