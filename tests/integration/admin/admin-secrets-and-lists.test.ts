import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { adminPurchaseQuery } from "@/lib/admin/schemas";
import { deleteCommunity, getCommunity } from "@/lib/communities/manage-communities";
import { getOfferingWebhookDetails } from "@/lib/offerings/get-offering-webhook-details";
import { rotateWebhookSecret } from "@/lib/offerings/rotate-webhook-secret";
import { verifyWebhookSecret } from "@/lib/offerings/verify-webhook-secret";
import { listPurchasesForAdmin } from "@/lib/purchases/list-purchases-for-admin";
import { startLinkPurchase } from "@/lib/purchases/start-link-purchase";
import {
  makeCommunity,
  makeOffering,
  makeUser,
  pendingPurchaseScenario,
} from "../../../tooling/seed/factories";
import { postOfferingWebhook } from "../../helpers/offering-webhook";
import { resetDatabase } from "../../helpers/reset";

beforeEach(resetDatabase);

const HOUR_MS = 60 * 60 * 1000;
/** Audit entries name an actor; the use cases do not check it exists. */
const ADMIN_ID = "test-admin";

async function storedSecrets(offeringId: string) {
  return db.offering.findUniqueOrThrow({
    where: { id: offeringId },
    select: { webhookSecret: true, previousWebhookSecret: true, previousSecretExpiresAt: true },
  });
}

async function communityIdsOf(offeringId: string) {
  const offering = await db.offering.findUniqueOrThrow({
    where: { id: offeringId },
    select: { communities: { select: { communityId: true } } },
  });
  return offering.communities.map((link) => link.communityId).sort();
}

function verifies(offeringId: string, secret: string) {
  return verifyWebhookSecret({ offeringId, secret }).then(
    () => true,
    (error: unknown) => {
      if (error instanceof AppError && error.code === "unauthorized") return false;
      throw error;
    },
  );
}

describe("admin: rotating the webhook secret", () => {
  it("issues a new secret and keeps the old one valid for 24 hours", async () => {
    const offering = await makeOffering();
    const before = Date.now();

    const rotated = await rotateWebhookSecret({ offeringId: offering.id, actorId: ADMIN_ID });

    expect(rotated.webhookSecret).not.toBe(offering.webhookSecret);
    const graceHours = (rotated.previousSecretExpiresAt.getTime() - before) / HOUR_MS;
    expect(graceHours).toBeGreaterThanOrEqual(24);
    expect(graceHours).toBeLessThan(24.01);
    expect(await verifies(offering.id, rotated.webhookSecret)).toBe(true);
    expect(await verifies(offering.id, offering.webhookSecret)).toBe(true);
    expect(await verifies(offering.id, "whsec_wrong")).toBe(false);
    const details = await getOfferingWebhookDetails({ offeringId: offering.id });
    expect(details.webhookSecret).toBe(rotated.webhookSecret);
    expect(details.previousSecretValidUntil).toEqual(rotated.previousSecretExpiresAt);
    const stored = await storedSecrets(offering.id);
    expect(stored.previousWebhookSecret).not.toBe(offering.webhookSecret);
  });

  it("refuses the old secret once its 24 hours have passed", async () => {
    const offering = await makeOffering();
    const rotated = await rotateWebhookSecret({
      offeringId: offering.id,
      actorId: ADMIN_ID,
      now: new Date(Date.now() - 25 * HOUR_MS),
    });

    expect(await verifies(offering.id, offering.webhookSecret)).toBe(false);
    expect(await verifies(offering.id, rotated.webhookSecret)).toBe(true);
    expect(
      (await getOfferingWebhookDetails({ offeringId: offering.id })).previousSecretValidUntil,
    ).toBeNull();
  });

  it("answers not_found for an unknown offering", async () => {
    await expect(
      rotateWebhookSecret({ offeringId: "missing", actorId: ADMIN_ID }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("admin: deleting a community", () => {
  it("refuses while a member holds access, with a clear message", async () => {
    const { offering, community, purchaseId } = await pendingPurchaseScenario();
    const paid = await postOfferingWebhook(
      offering.id,
      { status: "succeeded", purchase_id: purchaseId },
      { secret: offering.webhookSecret },
    );
    expect(paid.status).toBe(200);

    const refusal = deleteCommunity({ communityId: community.id });
    await expect(refusal).rejects.toBeInstanceOf(AppError);
    await expect(refusal).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/access/i),
      details: { members: 1 },
    });
    expect(await getCommunity(community.id)).not.toBeNull();
  });

  it("deletes a community nobody holds access to", async () => {
    const community = await makeCommunity();
    const offering = await makeOffering({ communityIds: [community.id] });

    await deleteCommunity({ communityId: community.id });

    expect(await getCommunity(community.id)).toBeNull();
    expect(await communityIdsOf(offering.id)).toEqual([]);
    await expect(deleteCommunity({ communityId: community.id })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("admin: listing purchases", () => {
  it("pages through every user's purchases, newest first", async () => {
    const offering = await makeOffering({ name: "Paged", priceAmount: 2500, currency: "eur" });
    const users = await Promise.all(
      Array.from({ length: 5 }, (_, index) => makeUser({ email: `buyer${index}@example.com` })),
    );
    const purchaseIds: string[] = [];
    for (const [index, user] of users.entries()) {
      const started = await startLinkPurchase({ userId: user.id, offeringId: offering.id });
      if (started.hasAccess) throw new Error("unexpected access");
      // Distinct creation times, oldest first, so the expected order does not hang on timing.
      await db.purchase.update({
        where: { id: started.purchaseId },
        data: { createdAt: new Date(Date.UTC(2026, 0, index + 1)) },
      });
      purchaseIds.push(started.purchaseId);
    }
    const newestFirst = [...purchaseIds].reverse();

    // The pages' links, as the page puts them in the URL and the edge's schema reads them back.
    const page = async (query: Record<string, string>) =>
      listPurchasesForAdmin(adminPurchaseQuery.parse({ pageSize: "2", ...query }));
    const first = await page({});
    const second = await page({ after: first.next ?? "" });
    const last = await page({ after: second.next ?? "" });
    const back = await page({ before: last.previous ?? "" });

    expect(first.total).toEqual({ count: 5, capped: false });
    expect([first, second, last].map((result) => result.items.map((item) => item.id))).toEqual([
      newestFirst.slice(0, 2),
      newestFirst.slice(2, 4),
      newestFirst.slice(4),
    ]);
    expect([first.previous, last.next]).toEqual([null, null]);
    expect(back.items.map((item) => item.id)).toEqual(newestFirst.slice(2, 4));
    expect(first.items[0]).toMatchObject({
      status: "PENDING",
      userEmail: "buyer4@example.com",
      offeringId: offering.id,
      offeringName: "Paged",
      amount: 2500,
      currency: "eur",
    });
    expect(Object.keys(first.items[0]).sort()).toEqual(
      [
        "accessGrantedAt",
        "amount",
        "createdAt",
        "currency",
        "expiresAt",
        "id",
        "offeringId",
        "offeringName",
        "refundedAt",
        "status",
        "userEmail",
        "userId",
      ].sort(),
    );
  });

  it("reads a nonsensical cursor and page size as the defaults, at the edge", async () => {
    const query = adminPurchaseQuery.parse({
      after: "yesterday_x",
      before: "2026-13-45T99:00:00.000Z_x",
      pageSize: "10000",
    });
    expect(query).toEqual({ pageSize: 25 });
    expect(await listPurchasesForAdmin(query)).toMatchObject({
      items: [],
      total: { count: 0, capped: false },
      next: null,
      previous: null,
      pageSize: 25,
    });
  });
});
