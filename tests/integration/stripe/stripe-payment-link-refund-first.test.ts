/**
 * Defect 9: a Payment Link payment's charge.refunded that arrives before its
 * checkout.session.completed. The charge carries none of our metadata, yet the refund must win
 * whatever the order of arrival.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { startLinkPurchase } from "@/lib/purchases/start-link-purchase";
import { makeCommunity, makeOffering, makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";
import { setUpStripeSandbox } from "../../helpers/stripe-app-sandbox";
import { deliverStripeEvent, purchaseRows } from "../../helpers/stripe-webhook";
import { submitHostedCheckout } from "@offerings/stripe-sandbox/testing";

const sandbox = setUpStripeSandbox();
beforeEach(resetDatabase);

async function paidThroughPaymentLink() {
  const { stripe } = sandbox;
  const price = await stripe.prices.create({
    currency: "usd",
    unit_amount: 1500,
    product_data: { name: "Field Guide" },
  });
  const link = await stripe.paymentLinks.create({ line_items: [{ price: price.id, quantity: 1 }] });
  const community = await makeCommunity();
  const offering = await makeOffering({
    priceAmount: 1500,
    channel: "STRIPE_PAYMENT_LINK",
    paymentLink: link.url,
    communityIds: [community.id],
  });
  const user = await makeUser();
  const started = await startLinkPurchase({ userId: user.id, offeringId: offering.id });
  if (started.hasAccess) throw new Error("expected a redirect");
  const visit = await fetch(started.redirectUrl, { redirect: "manual" });
  const sessionId = /\/c\/pay\/(cs_[^/?]+)/.exec(visit.headers.get("location") ?? "")![1];
  expect(
    (await submitHostedCheckout(sandbox.sandbox.url, sessionId, { cardNumber: "4242424242424242" }))
      .status,
  ).toBe(303);
  const session = await stripe.checkout.sessions.retrieve(sessionId);
  return { community, user, purchaseId: started.purchaseId, session };
}

describe("a Payment Link refund that overtakes the completion", () => {
  it("refunds the purchase, and the later completion grants nothing", async () => {
    const { community, user, purchaseId, session } = await paidThroughPaymentLink();
    await sandbox.stripe.refunds.create({ payment_intent: String(session.payment_intent) });
    const refunded = await sandbox.event(
      "charge.refunded",
      (charge) => charge.payment_intent === session.payment_intent,
    );
    const completed = await sandbox.event(
      "checkout.session.completed",
      (object) => object.id === session.id,
    );

    expect(await deliverStripeEvent(refunded)).toMatchObject({
      status: 200,
      body: { outcome: "processed" },
    });
    expect((await purchaseRows(purchaseId)).purchase.status).toBe("REFUNDED");
    expect(await deliverStripeEvent(completed)).toMatchObject({
      status: 200,
      body: { outcome: "processed" },
    });

    const rows = await purchaseRows(purchaseId);
    expect(rows.purchase.status).toBe("REFUNDED");
    expect(rows.grants).toBe(0);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);
  });
});
