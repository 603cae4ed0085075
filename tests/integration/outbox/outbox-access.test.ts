/**
 * Access messages beyond payments: an admin's manual grant and revoke (manual: true), the
 * expiry scan that reports access ending by time (once per membership end, however often and
 * however concurrently it runs), commissions paid out, and Stripe reconcile recovering a dropped
 * payment.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { grantCommunityManually } from "@/lib/access/grant-community-manually";
import { revokeCommunityManually } from "@/lib/access/revoke-community-manually";
import { markCommissionsPaid } from "@/lib/commissions/mark-commissions-paid";
import { db } from "@/lib/db";
import { scanExpiredAccess } from "@/lib/outbox/scan-expired-access";
import { reconcileWithStripe } from "@/lib/payments/stripe/reconcile";
import { embeddedOffering, makeCommunity, makeUser } from "../../../tooling/seed/factories";
import { ledgerScenario } from "../../helpers/commissions";
import { dispatchAll, outboxMessages, outboxTypes } from "../../helpers/outbox";
import { resetDatabase } from "../../helpers/reset";
import { setUpStripeSandbox, startCheckout } from "../../helpers/stripe-app-sandbox";

const stripe = setUpStripeSandbox();
beforeEach(resetDatabase);

const MINUTE = 60_000;

describe("access messages", () => {
  it("an admin's manual grant and revoke report access.granted and access.revoked, manual", async () => {
    const user = await makeUser();
    const admin = await makeUser({ role: "ADMIN" });
    const community = await makeCommunity("Manual");
    const until = new Date(Date.now() + 7 * 86_400_000);

    await grantCommunityManually({
      userId: user.id,
      communityId: community.id,
      reason: "a gift",
      expiresAt: until,
      actorId: admin.id,
    });
    await revokeCommunityManually({
      userId: user.id,
      communityId: community.id,
      reason: "gift over",
      actorId: admin.id,
    });

    expect(await outboxTypes({ userId: user.id })).toEqual(["access.granted", "access.revoked"]);
    await dispatchAll();
    const [granted] = await outboxMessages({ userId: user.id, action: "GRANT" });
    const [revoked] = await outboxMessages({ userId: user.id, action: "REVOKE" });
    expect(granted.data).toMatchObject({
      user: { id: user.id, email: user.email },
      community: { id: community.id, name: "Manual" },
      offering: null,
      purchaseId: null,
      manual: true,
      accessEndsAt: until.toISOString(),
    });
    expect(revoked.data).toMatchObject({ manual: true, revokedAt: expect.any(String) });
  });

  it("the expiry scan reports each membership end once, run twice or at the same time", async () => {
    const user = await makeUser();
    const admin = await makeUser({ role: "ADMIN" });
    const [soon, later] = [await makeCommunity("Soon"), await makeCommunity("Later")];
    const now = new Date();
    for (const [community, minutes] of [
      [soon, 2],
      [later, 10],
    ] as const) {
      await grantCommunityManually({
        userId: user.id,
        communityId: community.id,
        reason: "trial",
        expiresAt: new Date(now.getTime() + minutes * MINUTE),
        actorId: admin.id,
      });
    }
    const expired = async () =>
      (await outboxMessages({ userId: user.id })).filter(
        (message) => message.type === "access.expired",
      );

    await scanExpiredAccess({ now: new Date(now.getTime() + MINUTE) });
    expect(await expired()).toEqual([]);

    const at = new Date(now.getTime() + 3 * MINUTE);
    const runs = await Promise.all([
      scanExpiredAccess({ now: at }),
      scanExpiredAccess({ now: at }),
    ]);
    await scanExpiredAccess({ now: new Date(at.getTime() + 1000) });
    expect(runs.map((run) => run.emitted).sort()).toEqual([0, 1]);
    expect((await expired()).map((message) => message.subject.communityId)).toEqual([soon.id]);

    // The other one ends; a scan that missed minutes (the worker stopped) still finds it.
    await scanExpiredAccess({ now: new Date(now.getTime() + 60 * MINUTE) });
    const both = await expired();
    expect(both.map((message) => message.subject.communityId)).toEqual([soon.id, later.id]);
    expect(both.map((message) => message.dedupeKey)).toEqual(
      both.map((message) =>
        expect.stringMatching(
          new RegExp(`^access\\.expired:${String(message.subject.membershipId)}:20\\d\\d-`),
        ),
      ),
    );
    await dispatchAll();
    const [first] = await expired();
    expect(first.data).toMatchObject({
      community: { id: soon.id },
      user: { id: user.id },
      accessEndedAt: new Date(now.getTime() + 2 * MINUTE).toISOString(),
      manual: true,
    });
  });

  it("a revoked membership is not reported as expired", async () => {
    const user = await makeUser();
    const admin = await makeUser({ role: "ADMIN" });
    const community = await makeCommunity();
    const now = new Date();
    await grantCommunityManually({
      userId: user.id,
      communityId: community.id,
      reason: "trial",
      expiresAt: new Date(now.getTime() + MINUTE),
      actorId: admin.id,
    });
    await revokeCommunityManually({
      userId: user.id,
      communityId: community.id,
      reason: "not any more",
      actorId: admin.id,
    });
    expect(await scanExpiredAccess({ now: new Date(now.getTime() + 5 * MINUTE) })).toMatchObject({
      emitted: 0,
    });
  });
});

describe("commission and reconcile messages", () => {
  it("marking commissions paid reports commission.paid once per entry", async () => {
    const { referrer, admin, entry } = await ledgerScenario();
    const first = await entry({ ageDays: 30 });
    const second = await entry({ ageDays: 30 });

    await markCommissionsPaid({
      commissionIds: [first.id, second.id],
      reference: "payout-1",
      adminId: admin.id,
    });

    const paid = (await outboxMessages({ beneficiaryId: referrer.id })).filter(
      (message) => message.type === "commission.paid",
    );
    expect(paid.map((message) => message.subject.commissionId).sort()).toEqual(
      [first.id, second.id].sort(),
    );
    await dispatchAll();
    const [message] = (await outboxMessages({ commissionId: first.id })).filter(
      (candidate) => candidate.type === "commission.paid",
    );
    expect(message.data).toMatchObject({
      kind: "earning",
      beneficiary: { id: referrer.id, email: referrer.email },
      amount: first.amount,
      payoutReference: "payout-1",
    });
  });

  it("reconcile recovering a payment whose event never came reports it, once across two runs", async () => {
    const { offering } = await embeddedOffering();
    const user = await makeUser();
    const checkout = await startCheckout(user.id, offering.id);
    expect((await stripe.pay(checkout.sessionId, "4242424242424242")).status).toBe(200);
    expect(await outboxTypes({ purchaseId: checkout.purchaseId })).toEqual([]);

    const since = new Date(Date.now() - 86_400_000);
    await Promise.all([reconcileWithStripe({ since }), reconcileWithStripe({ since })]);
    await reconcileWithStripe({ since });

    expect(await outboxTypes({ purchaseId: checkout.purchaseId })).toEqual([
      "access.granted",
      "purchase.completed",
    ]);
    expect(await db.outboxMessage.count()).toBe(2);
  });
});
