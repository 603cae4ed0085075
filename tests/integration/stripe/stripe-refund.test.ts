/**
 * Admin refunds of Stripe purchases: the money goes back through the sandbox, access goes at
 * once, and the charge.refunded event Stripe sends afterwards changes nothing.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { refundPurchaseAsAdmin } from "@/lib/purchases/refund-purchase-as-admin";
import { makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";
import { setUpStripeSandbox } from "../../helpers/stripe-app-sandbox";
import { deliverStripeEvent, purchaseRows } from "../../helpers/stripe-webhook";

const sandbox = setUpStripeSandbox();

beforeEach(resetDatabase);

describe("refundPurchaseAsAdmin", () => {
  it("refunds through Stripe and revokes at once; a second refund is 409; the charge.refunded that follows changes nothing", async () => {
    const { community, user, checkout: started } = await sandbox.paidPurchase();
    const admin = await makeUser({ role: "ADMIN" });

    const refunded = await refundPurchaseAsAdmin({
      purchaseId: started.purchaseId,
      adminId: admin.id,
    });

    expect(refunded).toEqual({
      purchaseId: started.purchaseId,
      status: "refunded",
      provider: "stripe",
    });
    const rows = await purchaseRows(started.purchaseId);
    expect(rows.purchase.status).toBe("REFUNDED");
    expect(rows.orders.map((order) => order.status)).toEqual(["REFUNDED"]);
    expect(rows.memberships.map((membership) => membership.revokedAt !== null)).toEqual([true]);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);
    const intentId = String(rows.orders[0].providerCaptureId);
    const intent = await sandbox.stripe.paymentIntents.retrieve(intentId);
    const charge = await sandbox.stripe.charges.retrieve(String(intent.latest_charge));
    expect(charge).toMatchObject({ amount_refunded: 4900, refunded: true });

    const second = await refundPurchaseAsAdmin({
      purchaseId: started.purchaseId,
      adminId: admin.id,
    }).catch((caught: unknown) => caught);
    expect(second).toBeInstanceOf(AppError);
    expect(second).toMatchObject({ code: "already_refunded", status: 409 });
    expect((await sandbox.stripe.charges.retrieve(charge.id)).refunds?.data).toHaveLength(1);

    const refundEvent = await sandbox.event(
      "charge.refunded",
      (object) => object.payment_intent === intentId,
    );
    const delivered = await deliverStripeEvent(refundEvent);

    expect(delivered).toEqual({
      status: 200,
      body: { received: true, duplicate: false, outcome: "processed" },
    });
    const after = await purchaseRows(started.purchaseId);
    expect(after.purchase).toEqual(rows.purchase);
    expect(after.orders).toEqual(rows.orders);
    expect(after.memberships).toEqual(rows.memberships);
    expect([after.grants, after.revokes]).toEqual([1, 1]);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);
  });

  it("two admins refunding at once: one refund at Stripe, one answer 200 and one 409, one audit entry", async () => {
    const { checkout: started } = await sandbox.paidPurchase();
    const [first, second] = await Promise.all([
      makeUser({ role: "ADMIN" }),
      makeUser({ role: "ADMIN" }),
    ]);

    const answers = await Promise.allSettled([
      refundPurchaseAsAdmin({ purchaseId: started.purchaseId, adminId: first.id }),
      refundPurchaseAsAdmin({ purchaseId: started.purchaseId, adminId: second.id }),
    ]);

    const refused = answers.filter((answer) => answer.status === "rejected");
    expect(answers.filter((answer) => answer.status === "fulfilled")).toHaveLength(1);
    expect(refused.map((answer) => (answer as PromiseRejectedResult).reason)).toMatchObject([
      { code: "already_refunded", status: 409 },
    ]);
    const rows = await purchaseRows(started.purchaseId);
    expect(rows.purchase.status).toBe("REFUNDED");
    expect(rows.revokes).toBe(1);
    const intent = await sandbox.stripe.paymentIntents.retrieve(
      String(rows.orders[0].providerCaptureId),
    );
    expect(
      (await sandbox.stripe.charges.retrieve(String(intent.latest_charge))).refunds?.data,
    ).toHaveLength(1);
    expect(
      await db.auditEntry.count({
        where: { action: "purchase.refund", subject: started.purchaseId },
      }),
    ).toBe(1);
  });
});
