/**
 * The migration that adds the admin lists' counts ("OfferingPurchaseCount",
 * "CommunityMembershipCount") counts the rows already there: purchases of every status and
 * memberships revoked or not, put in on the database as the migration before left it, are in the
 * counts afterwards, and the triggers count what comes next.
 */
import pg from "pg";
import { describe, expect, it } from "vitest";
import { applyMigrations } from "../../../scripts/db/schema-engine";
import { testDatabaseUrl } from "../../../tooling/database/database-url";
import { recreateDatabase } from "../../../tooling/database/recreate-database";

const BEFORE = "20261206111936_admin_scale";

async function withClient<T>(url: string, task: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await task(client);
  } finally {
    await client.end();
  }
}

async function counts(client: pg.Client) {
  const { rows: purchases } = await client.query(`
    SELECT "offeringId" AS id, sum(purchases)::int AS n FROM "OfferingPurchaseCount"
    GROUP BY 1 ORDER BY 1`);
  const { rows: memberships } = await client.query(`
    SELECT "communityId" AS id, sum(memberships)::int AS n FROM "CommunityMembershipCount"
    GROUP BY 1 ORDER BY 1`);
  return { purchases, memberships };
}

describe("the admin counters migration", () => {
  it("counts the purchases and memberships already there, then keeps counting", async () => {
    const url = testDatabaseUrl("offerings_admin_counters_migration");
    await recreateDatabase(url);
    await applyMigrations(url, BEFORE);
    await withClient(url, async (client) => {
      await client.query(`
        INSERT INTO "Community" (id, name, "updatedAt")
        VALUES ('community-a', 'A', now()), ('community-b', 'B', now())`);
      await client.query(`
        INSERT INTO "Offering" (id, name, "priceAmount", "webhookSecret", "updatedAt")
        VALUES ('offering-1', 'One', 1000, 'x', now()), ('offering-2', 'Two', 2000, 'x', now()),
               ('offering-3', 'Three', 3000, 'x', now())`);
      await client.query(`
        INSERT INTO "User" (id, email, "updatedAt")
        VALUES ('user-1', 'one@example.com', now()), ('user-2', 'two@example.com', now())`);
      await client.query(`
        INSERT INTO "Purchase" (id, "userId", "offeringId", status, "updatedAt")
        VALUES ('purchase-1', 'user-1', 'offering-1', 'SUCCEEDED', now()),
               ('purchase-2', 'user-2', 'offering-1', 'REFUNDED', now()),
               ('purchase-3', 'user-2', 'offering-1', 'PENDING', now()),
               ('purchase-4', 'user-1', 'offering-2', 'FAILED', now())`);
      await client.query(`
        INSERT INTO "Membership" (id, "userId", "communityId", "purchaseId", "revokedAt")
        VALUES ('membership-1', 'user-1', 'community-a', 'purchase-1', NULL),
               ('membership-2', 'user-2', 'community-a', 'purchase-2', now()),
               ('membership-3', 'user-2', 'community-b', NULL, NULL)`);
    });

    const applied = await applyMigrations(url);

    expect(applied.some((name) => name.endsWith("_admin_counters"))).toBe(true);
    await withClient(url, async (client) => {
      expect(await counts(client)).toEqual({
        purchases: [
          { id: "offering-1", n: 3 },
          { id: "offering-2", n: 1 },
        ],
        memberships: [
          { id: "community-a", n: 2 },
          { id: "community-b", n: 1 },
        ],
      });

      await client.query(`
        INSERT INTO "Purchase" (id, "userId", "offeringId", "updatedAt")
        VALUES ('purchase-5', 'user-1', 'offering-3', now())`);
      await client.query(`DELETE FROM "Purchase" WHERE id = 'purchase-1'`);
      await client.query(`DELETE FROM "Membership" WHERE id = 'membership-3'`);
      expect(await counts(client)).toEqual({
        purchases: [
          { id: "offering-1", n: 2 },
          { id: "offering-2", n: 1 },
          { id: "offering-3", n: 1 },
        ],
        memberships: [
          { id: "community-a", n: 2 },
          { id: "community-b", n: 0 },
        ],
      });
    });
  });
});
