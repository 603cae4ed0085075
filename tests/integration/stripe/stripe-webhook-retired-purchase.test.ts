/**
 * A buyer opens Embedded Checkout, the admin changes the price, and the buyer starts again: the
 * first purchase is retired (EXPIRED, its order FAILED) and a new one opens at the new price.
 * The first session must not stay payable beside the new one (paying twice); and if it was
 * paid already, that payment is the purchase: it is not lost and no second session opens.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { patchOffering } from "@/lib/offerings/patch-offering";
import { startEmbeddedCheckout } from "@/lib/payments/stripe/start-embedded-checkout";
import { embeddedOffering, makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";
import { setUpStripeSandbox, startCheckout } from "../../helpers/stripe-app-sandbox";
import { deliverStripeEvent, purchaseRows } from "../../helpers/stripe-webhook";

const sandbox = setUpStripeSandbox();

beforeEach(resetDatabase);

describe("a purchase retired by a price change", () => {
  it("closes the old session at Stripe, so only the new price can be paid", async () => {
    const { offering } = await embeddedOffering({ priceAmount: 4900 });
    const user = await makeUser();
    const retired = await startCheckout(user.id, offering.id);
    await patchOffering({
      offeringId: offering.id,
      changes: { priceAmount: 5900 },
      actorId: "test-admin",
    });
    const current = await startCheckout(user.id, offering.id);

    expect(current.purchaseId).not.toBe(retired.purchaseId);
    const rows = await purchaseRows(retired.purchaseId);
    expect(rows.purchase.status).toBe("EXPIRED");
    expect(rows.orders.map((order) => [order.status, order.amount])).toEqual([["FAILED", 4900]]);
    expect((await sandbox.stripe.checkout.sessions.retrieve(retired.sessionId)).status).toBe(
      "expired",
    );
    expect((await sandbox.pay(retired.sessionId, "4242424242424242")).status).not.toBe(200);
  });

  it("paid before the restart: the old session's payment completes the retired purchase once, and no new session opens", async () => {
    const { community, offering } = await embeddedOffering({ priceAmount: 4900 });
    const user = await makeUser();
    const retired = await startCheckout(user.id, offering.id);
    await sandbox.pay(retired.sessionId, "4242424242424242");
    await patchOffering({
      offeringId: offering.id,
      changes: { priceAmount: 5900 },
      actorId: "test-admin",
    });
    expect(await startEmbeddedCheckout({ userId: user.id, offeringId: offering.id })).toEqual({
      success: false,
      hasAccess: true,
    });
    const completed = await sandbox.event(
      "checkout.session.completed",
      (object) => object.id === retired.sessionId,
    );
    const paid = await sandbox.stripe.checkout.sessions.retrieve(retired.sessionId);
    expect(paid.amount_total).toBe(4900);

    const response = await deliverStripeEvent(completed);
    const again = await deliverStripeEvent(completed);

    expect(response).toEqual({
      status: 200,
      body: { received: true, duplicate: false, outcome: "processed" },
    });
    expect(again.body).toMatchObject({ duplicate: true, outcome: "processed" });
    const rows = await purchaseRows(retired.purchaseId);
    expect(rows.purchase.status).toBe("SUCCEEDED");
    expect(
      rows.orders.map((order) => [order.status, order.amount, order.providerCaptureId]),
    ).toEqual([["PAID", 4900, paid.payment_intent]]);
    expect(rows.grants).toBe(1);
    expect(rows.events.map((event) => [event.providerEventId, event.outcome])).toEqual([
      [completed.id, "PROCESSED"],
    ]);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);

    // No session was opened at the new price: the buyer is not asked to pay twice.
    const { stripeCustomerId } = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    const sessions = await sandbox.stripe.checkout.sessions.list({
      customer: stripeCustomerId!,
      limit: 10,
    });
    expect(sessions.data).toHaveLength(1);
    expect(sessions.data.filter((session) => session.amount_total === 5900)).toEqual([]);
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(1);
  });
});
