import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  hasCommunityAccess,
  hasOfferingAccess,
  listUserCommunities,
} from "@/lib/access/active-access";
import { getCommunityForViewer } from "@/lib/communities/get-community-for-viewer";
import { getUserPurchase } from "@/lib/purchases/get-user-purchase";
import { listUserPurchases } from "@/lib/purchases/list-user-purchases";
import { startLinkPurchase } from "@/lib/purchases/start-link-purchase";
import { makeUser, pendingPurchaseScenario } from "../../../tooling/seed/factories";
import { postOfferingWebhook } from "../../helpers/offering-webhook";
import { resetDatabase } from "../../helpers/reset";

beforeEach(resetDatabase);

async function paidScenario(accessDurationDays?: number) {
  const scenario = await pendingPurchaseScenario(accessDurationDays ? { accessDurationDays } : {});
  const response = await postOfferingWebhook(
    scenario.offering.id,
    { status: "succeeded", purchase_id: scenario.purchaseId },
    { secret: scenario.offering.webhookSecret },
  );
  expect(response.status).toBe(200);
  return scenario;
}

/** Moves a grant into the past, as if its days had run out. */
async function expire(purchaseId: string) {
  const past = new Date(Date.now() - 60_000);
  await db.purchase.update({ where: { id: purchaseId }, data: { expiresAt: past } });
  await db.membership.updateMany({ where: { purchaseId }, data: { expiresAt: past } });
}

describe("access expiry", () => {
  it("honours access until expiresAt and not after, with no job running", async () => {
    const { user, community, offering, purchaseId } = await paidScenario(7);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
    const [listed] = await listUserCommunities(user.id);
    expect(listed.accessUntil!.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);

    await expire(purchaseId);

    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);
    expect(await hasOfferingAccess(user.id, offering.id)).toBe(false);
    expect(await listUserCommunities(user.id)).toEqual([]);
    const page = await getCommunityForViewer({ communityId: community.id, userId: user.id });
    expect(page).toMatchObject({ isMember: false, content: null });
    const history = await listUserPurchases({ userId: user.id, page: 1, pageSize: 10 });
    expect(history.items[0]).toMatchObject({ status: "SUCCEEDED", accessActive: false });
  });

  it("lets a buyer whose one-time access expired buy again, but not one whose access holds", async () => {
    const { user, offering, purchaseId } = await paidScenario(7);
    expect(await startLinkPurchase({ userId: user.id, offeringId: offering.id })).toEqual({
      hasAccess: true,
    });
    await expire(purchaseId);
    const again = await startLinkPurchase({ userId: user.id, offeringId: offering.id });
    expect(again).toMatchObject({ hasAccess: false });
  });

  it("keeps lifetime access (no duration) and shows gated content only to members", async () => {
    const { user, community } = await paidScenario();
    const stranger = await makeUser();
    expect(
      await getCommunityForViewer({ communityId: community.id, userId: user.id }),
    ).toMatchObject({
      isMember: true,
      content: "Welcome to Insiders",
    });
    expect(
      await getCommunityForViewer({ communityId: community.id, userId: stranger.id }),
    ).toMatchObject({
      isMember: false,
      content: null,
    });
    expect(await getCommunityForViewer({ communityId: community.id, userId: null })).toMatchObject({
      content: null,
    });
  });
});

describe("purchase history", () => {
  it("pages through the user's own purchases only, newest first, with totals", async () => {
    const { user, offering } = await paidScenario();
    const other = await pendingPurchaseScenario({ name: "Someone else's" });
    for (let index = 0; index < 11; index++) {
      // The same user starts buying eleven more offerings.
      const extra = await pendingPurchaseScenario({ name: `Extra ${index}` });
      const started = await startLinkPurchase({ userId: user.id, offeringId: extra.offering.id });
      expect(started.hasAccess).toBe(false);
    }
    const first = await listUserPurchases({ userId: user.id, page: 1, pageSize: 10 });
    const second = await listUserPurchases({ userId: user.id, page: 2, pageSize: 10 });

    expect(first).toMatchObject({ total: 12, page: 1, pageSize: 10, pageCount: 2 });
    expect(first.items).toHaveLength(10);
    expect(second.items).toHaveLength(2);
    expect(second.items.at(-1)!.offering.id).toBe(offering.id); // the oldest comes last
    const ids = [...first.items, ...second.items].map((item) => item.id);
    expect(new Set(ids).size).toBe(12);
    expect(ids).not.toContain(other.purchaseId);
    const dates = [...first.items, ...second.items].map((item) => item.createdAt.getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it("answers not found for another user's purchase", async () => {
    const mine = await pendingPurchaseScenario();
    const theirs = await pendingPurchaseScenario({ name: "Theirs" });
    expect((await getUserPurchase({ userId: mine.user.id, purchaseId: mine.purchaseId })).id).toBe(
      mine.purchaseId,
    );
    await expect(
      getUserPurchase({ userId: mine.user.id, purchaseId: theirs.purchaseId }),
    ).rejects.toMatchObject({
      code: "not_found",
      status: 404,
    });
  });
});
