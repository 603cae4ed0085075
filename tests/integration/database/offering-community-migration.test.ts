/**
 * The migration that turns Prisma's hidden "_CommunityToOffering" table into the explicit
 * "OfferingCommunity" model keeps every link: rows put in the old table on the database as the
 * migration before left it are in the new one afterwards, and a purchase grants through them.
 */
import pg from "pg";
import { describe, expect, it } from "vitest";
import { applyMigrations } from "../../../scripts/db/schema-engine";
import { testDatabaseUrl } from "../../../tooling/database/database-url";
import { recreateDatabase } from "../../../tooling/database/recreate-database";

const BEFORE = "20261206040517_commission_self_referral";

async function withClient<T>(url: string, task: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await task(client);
  } finally {
    await client.end();
  }
}

describe("the OfferingCommunity migration", () => {
  it("keeps every offering's communities", async () => {
    const url = testDatabaseUrl("offerings_join_table_migration");
    await recreateDatabase(url);
    await applyMigrations(url, BEFORE);
    await withClient(url, async (client) => {
      await client.query(`
        INSERT INTO "Community" (id, name, "updatedAt")
        VALUES ('community-a', 'A', now()), ('community-b', 'B', now()), ('community-c', 'C', now())`);
      await client.query(`
        INSERT INTO "Offering" (id, name, "priceAmount", "webhookSecret", "updatedAt")
        VALUES ('offering-1', 'One', 1000, 'x', now()), ('offering-2', 'Two', 2000, 'x', now())`);
      await client.query(`
        INSERT INTO "_CommunityToOffering" ("A", "B")
        VALUES ('community-a', 'offering-1'), ('community-b', 'offering-1'), ('community-c', 'offering-2')`);
    });

    const applied = await applyMigrations(url);

    expect(applied.some((name) => name.endsWith("_offering_community"))).toBe(true);
    await withClient(url, async (client) => {
      const { rows } = await client.query(`
        SELECT "offeringId", "communityId", "createdAt" IS NOT NULL AS dated
        FROM "OfferingCommunity" ORDER BY "offeringId", "communityId"`);
      expect(rows).toEqual([
        { offeringId: "offering-1", communityId: "community-a", dated: true },
        { offeringId: "offering-1", communityId: "community-b", dated: true },
        { offeringId: "offering-2", communityId: "community-c", dated: true },
      ]);
      const { rows: oldTable } = await client.query(
        `SELECT to_regclass('"_CommunityToOffering"') AS name`,
      );
      expect(oldTable).toEqual([{ name: null }]);

      // The links still cascade, and the grant reads them.
      await client.query(`DELETE FROM "Community" WHERE id = 'community-b'`);
      await client.query(`
        INSERT INTO "User" (id, email, "updatedAt") VALUES ('user-1', 'one@example.com', now())`);
      await client.query(`
        INSERT INTO "Purchase" (id, "userId", "offeringId", "updatedAt")
        VALUES ('purchase-1', 'user-1', 'offering-1', now())`);
      const { rows: granted } = await client.query(`
        SELECT grant_purchase_access('purchase-1', 'user-1', 'offering-1', NULL, 'test', NULL, NULL) AS granted`);
      expect(granted).toEqual([{ granted: 1 }]);
      const { rows: memberships } = await client.query(
        `SELECT "communityId" FROM "Membership" WHERE "purchaseId" = 'purchase-1'`,
      );
      expect(memberships).toEqual([{ communityId: "community-a" }]);
    });
  });
});
