/**
 * The admin lists' counts: purchases per offering (Admin → Offerings) and memberships per
 * community (Admin → Communities) are read from "OfferingPurchaseCount" and
 * "CommunityMembershipCount", which triggers keep in the transaction of each change. After every
 * kind of change (a checkout, a payment, a failure, a refund, a revoke, a plan switch, deletions,
 * many connections at once, rolled-back writes) the lists must show what counting every row
 * shows, which is what they showed before: every purchase whatever its status, every membership
 * revoked or not.
 */
import pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import { grantCommunityManually } from "@/lib/access/grant-community-manually";
import { revokeCommunityManually } from "@/lib/access/revoke-community-manually";
import { deleteCommunity, listCommunities } from "@/lib/communities/manage-communities";
import { db } from "@/lib/db";
import { listOfferingsForAdmin } from "@/lib/offerings/list-offerings";
import { completePurchase } from "@/lib/purchases/complete-purchase";
import { failPurchase } from "@/lib/purchases/fail-purchase";
import { refundPurchaseAsAdmin } from "@/lib/purchases/refund-purchase-as-admin";
import { startLinkPurchase } from "@/lib/purchases/start-link-purchase";
import { testDatabaseUrl } from "../../../tooling/database/database-url";
import { makeCommunity, makeOffering, makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";

beforeEach(resetDatabase);

const ADMIN_ID = "test-admin";

/** Offering id → purchases, as the offerings list shows it. */
async function listedPurchases() {
  const { items } = await listOfferingsForAdmin({ page: 1, pageSize: 100 });
  return Object.fromEntries(items.map((item) => [item.id, item._count.purchases]));
}

/** Offering id → purchases, counted over every purchase (the list's query before the counts). */
async function countedPurchases() {
  const rows = await db.offering.findMany({
    select: { id: true, _count: { select: { purchases: true } } },
  });
  return Object.fromEntries(rows.map((row) => [row.id, row._count.purchases]));
}

/** Each community with its counts, as the communities list shows them. */
async function listedCommunities() {
  return (await listCommunities()).map(({ id, name, _count }) => ({ id, name, _count }));
}

/** The same, counted over every row: the communities list's query before the counts. */
function countedCommunities() {
  return db.community.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, _count: { select: { offerings: true, memberships: true } } },
  });
}

/** Both lists equal a count of every row; returns what they show. */
async function expectListsToMatchRows() {
  const [purchases, communities] = await Promise.all([listedPurchases(), listedCommunities()]);
  expect(purchases).toEqual(await countedPurchases());
  expect(communities).toEqual(await countedCommunities());
  const memberships = Object.fromEntries(
    communities.map((community) => [community.name, community._count.memberships]),
  );
  return { purchases, memberships };
}

/** A link purchase that the provider then reports paid, granting the offering's communities. */
async function paidPurchase(userId: string, offeringId: string) {
  const started = await startLinkPurchase({ userId, offeringId });
  if (started.hasAccess) throw new Error("unexpected access");
  const completed = await db.$transaction((tx) =>
    completePurchase(tx, {
      purchaseId: started.purchaseId,
      orderId: started.orderId,
      payment: { amount: 4900, currency: "usd", providerCaptureId: `ext_${started.purchaseId}` },
      cause: "test: provider reported succeeded",
    }),
  );
  expect(completed.outcome).toBe("PROCESSED");
  return started.purchaseId;
}

describe("the admin lists' purchase and membership counts", () => {
  it("follow checkouts, payments, failures, refunds, revokes, plan switches and deletions", async () => {
    const [alpha, beta] = await Promise.all([makeCommunity("Alpha"), makeCommunity("Beta")]);
    const course = await makeOffering({ name: "Course", communityIds: [alpha.id] });
    const bundle = await makeOffering({ name: "Bundle", communityIds: [alpha.id, beta.id] });
    const empty = await makeOffering({ name: "Nobody bought it" });
    const [ann, ben, cat] = await Promise.all([makeUser(), makeUser(), makeUser()]);
    expect(await expectListsToMatchRows()).toEqual({
      purchases: { [course.id]: 0, [bundle.id]: 0, [empty.id]: 0 },
      memberships: { Alpha: 0, Beta: 0 },
    });

    // A pending checkout counts; paying it adds the memberships, not another purchase.
    const annPending = await startLinkPurchase({ userId: ann.id, offeringId: course.id });
    if (annPending.hasAccess) throw new Error("unexpected access");
    expect((await expectListsToMatchRows()).purchases[course.id]).toBe(1);
    await db.$transaction((tx) =>
      completePurchase(tx, {
        purchaseId: annPending.purchaseId,
        orderId: annPending.orderId,
        payment: { amount: 4900, currency: "usd", providerCaptureId: "ext_ann" },
        cause: "test: provider reported succeeded",
      }),
    );
    const benPurchase = await paidPurchase(ben.id, bundle.id);
    expect(await expectListsToMatchRows()).toMatchObject({
      purchases: { [course.id]: 1, [bundle.id]: 1 },
      memberships: { Alpha: 2, Beta: 1 },
    });

    // A failed checkout still counts; a refund and a revoke keep both counts (rows stay).
    const catPending = await startLinkPurchase({ userId: cat.id, offeringId: course.id });
    if (catPending.hasAccess) throw new Error("unexpected access");
    await db.$transaction((tx) => failPurchase(tx, catPending.purchaseId));
    await refundPurchaseAsAdmin({ purchaseId: annPending.purchaseId, adminId: ADMIN_ID });
    await revokeCommunityManually({
      userId: ben.id,
      communityId: beta.id,
      reason: "Chargeback opened",
      actorId: ADMIN_ID,
    });
    await grantCommunityManually({
      userId: cat.id,
      communityId: beta.id,
      reason: "Conference speaker",
      expiresAt: null,
      actorId: ADMIN_ID,
    });
    expect(await expectListsToMatchRows()).toMatchObject({
      purchases: { [course.id]: 2, [bundle.id]: 1, [empty.id]: 0 },
      memberships: { Alpha: 2, Beta: 2 },
    });

    // A plan switch moves the purchase to the other offering (moveSubscriptionOffering's write).
    await db.purchase.update({
      where: { id: catPending.purchaseId },
      data: { offeringId: bundle.id },
    });
    expect((await expectListsToMatchRows()).purchases).toMatchObject({
      [course.id]: 1,
      [bundle.id]: 2,
    });

    // A deleted purchase leaves its memberships (their purchase is set null); a deleted user
    // takes purchases and memberships with it.
    await db.order.deleteMany({ where: { purchaseId: benPurchase } });
    await db.purchase.delete({ where: { id: benPurchase } });
    expect(await expectListsToMatchRows()).toMatchObject({
      purchases: { [course.id]: 1, [bundle.id]: 1 },
      memberships: { Alpha: 2, Beta: 2 },
    });
    await db.user.delete({ where: { id: ann.id } });
    expect(await expectListsToMatchRows()).toEqual({
      purchases: { [course.id]: 0, [bundle.id]: 1, [empty.id]: 0 },
      memberships: { Alpha: 1, Beta: 2 },
    });

    // A community whose memberships are all revoked can be deleted, and its counts go with it.
    const gamma = await makeCommunity("Gamma");
    await grantCommunityManually({
      userId: cat.id,
      communityId: gamma.id,
      reason: "Trial",
      expiresAt: null,
      actorId: ADMIN_ID,
    });
    await revokeCommunityManually({
      userId: cat.id,
      communityId: gamma.id,
      reason: "Trial over",
      actorId: ADMIN_ID,
    });
    expect((await expectListsToMatchRows()).memberships).toMatchObject({ Gamma: 1 });
    await deleteCommunity({ communityId: gamma.id });
    expect((await expectListsToMatchRows()).memberships).toEqual({ Alpha: 1, Beta: 2 });
    expect(await db.communityMembershipCount.count({ where: { communityId: gamma.id } })).toBe(0);
  });

  it("add up writes made on many connections at once, and leave out rolled-back ones", async () => {
    const [alpha, beta] = await Promise.all([makeCommunity("Alpha"), makeCommunity("Beta")]);
    const offering = await makeOffering({ communityIds: [alpha.id, beta.id] });
    const users = await Promise.all(Array.from({ length: 30 }, () => makeUser()));
    // Through the app's pool: checkouts and payments of one offering, side by side.
    await Promise.all(users.map((user) => paidPurchase(user.id, offering.id)));

    // On connections of their own, each in its own transaction, open at the same time: a third
    // of them roll back.
    const clients = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const client = new pg.Client({ connectionString: testDatabaseUrl() });
        await client.connect();
        return client;
      }),
    );
    try {
      await Promise.all(
        clients.map(async (client, n) => {
          const user = users[n];
          await client.query("BEGIN");
          await client.query(
            `INSERT INTO "Purchase" (id, "userId", "offeringId", "updatedAt")
             VALUES ($1, $2, $3, now())`,
            [`raw-purchase-${n}`, user.id, offering.id],
          );
          await client.query(`SELECT grant_purchase_access($1, $2, $3, NULL, 'test', NULL, NULL)`, [
            `raw-purchase-${n}`,
            user.id,
            offering.id,
          ]);
          await client.query(n % 3 === 0 ? "ROLLBACK" : "COMMIT");
        }),
      );
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }

    expect(await expectListsToMatchRows()).toEqual({
      purchases: { [offering.id]: 30 + 8 },
      memberships: { Alpha: 38, Beta: 38 },
    });
    // Several connections wrote, each to its own shard.
    expect(
      await db.offeringPurchaseCount.count({ where: { offeringId: offering.id } }),
    ).toBeGreaterThan(1);

    // Deleting everyone, side by side, brings both back to zero.
    await Promise.all(users.map((user) => db.user.delete({ where: { id: user.id } })));
    expect(await expectListsToMatchRows()).toEqual({
      purchases: { [offering.id]: 0 },
      memberships: { Alpha: 0, Beta: 0 },
    });
  });

  it("are rebuilt from the rows by offering_purchase_count_rebuild() and community_membership_count_rebuild()", async () => {
    const community = await makeCommunity("Alpha");
    const offering = await makeOffering({ communityIds: [community.id] });
    const [ann, ben] = await Promise.all([makeUser(), makeUser()]);
    await paidPurchase(ann.id, offering.id);
    await paidPurchase(ben.id, offering.id);
    const before = await expectListsToMatchRows();

    await db.$executeRaw`DELETE FROM "OfferingPurchaseCount"`;
    await db.$executeRaw`DELETE FROM "CommunityMembershipCount"`;
    expect(await listedPurchases()).toEqual({ [offering.id]: 0 });
    await db.$executeRaw`SELECT offering_purchase_count_rebuild()`;
    await db.$executeRaw`SELECT community_membership_count_rebuild()`;
    expect(await expectListsToMatchRows()).toEqual(before);
    expect(before).toEqual({ purchases: { [offering.id]: 2 }, memberships: { Alpha: 2 } });
  });
});
