import { db } from "@/lib/db";

/**
 * The ids of the offerings that have at least one subscription, for the admin list's offering
 * filter. A loose index scan: each step jumps to the next offering id in the
 * (offeringId, createdAt) index, so it costs one index probe per such offering however many
 * subscriptions there are. (`subscriptions: { some: {} }` let PostgreSQL scan the whole table
 * once for each offering that has none: 1.1 s at 100,000 subscriptions and 40 offerings.)
 */
export async function offeringIdsWithSubscriptions(): Promise<string[]> {
  const rows = await db.$queryRaw<Array<{ offeringId: string }>>`
    WITH RECURSIVE next_offering AS (
      (SELECT "offeringId" FROM "Subscription" ORDER BY "offeringId" LIMIT 1)
      UNION ALL
      SELECT (SELECT s."offeringId" FROM "Subscription" s
              WHERE s."offeringId" > next_offering."offeringId"
              ORDER BY s."offeringId" LIMIT 1)
      FROM next_offering WHERE next_offering."offeringId" IS NOT NULL
    )
    SELECT "offeringId" FROM next_offering WHERE "offeringId" IS NOT NULL`;
  return rows.map((row) => row.offeringId);
}
