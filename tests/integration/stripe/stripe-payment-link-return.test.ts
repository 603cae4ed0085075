/**
 * What the billing page says when a Stripe Payment Link buyer comes back: a declined card leaves
 * the session open (not completed, with Stripe's reason and the way back), an expired session
 * says so. Against the local Stripe sandbox; events are delivered by the tests themselves.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { captureCheckoutSession } from "@/lib/payments/stripe/capture-checkout-session";
import { startLinkPurchase } from "@/lib/purchases/start-link-purchase";
import { makeCommunity, makeOffering, makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";
import { setUpStripeSandbox } from "../../helpers/stripe-app-sandbox";
import {
  deliverStripeEvent,
  pendingStripeOrderScenario,
  purchaseRows,
} from "../../helpers/stripe-webhook";
import { submitHostedCheckout } from "@offerings/stripe-sandbox/testing";

const sandbox = setUpStripeSandbox();

beforeEach(resetDatabase);

const DECLINE_CARD = "4000 0000 0000 9995";

/** A one-time Payment Link offering on the sandbox, as an admin sets it up. */
async function paymentLinkOffering() {
  const { stripe } = sandbox;
  const price = await stripe.prices.create({
    currency: "usd",
    unit_amount: 1500,
    product_data: { name: "Field Guide" },
  });
  const link = await stripe.paymentLinks.create({
    line_items: [{ price: price.id, quantity: 1 }],
    after_completion: {
      type: "redirect",
      redirect: {
        url: "http://localhost:3000/dashboard/billing?provider=stripe&session_id={CHECKOUT_SESSION_ID}",
      },
    },
  });
  const community = await makeCommunity();
  const offering = await makeOffering({
    name: "Field Guide",
    priceAmount: 1500,
    channel: "STRIPE_PAYMENT_LINK",
    paymentLink: link.url,
    communityIds: [community.id],
  });
  return { community, offering };
}

/** "Proceed to Payment", then the buyer's browser follows the link to the session it opens. */
async function openLinkSession() {
  const { community, offering } = await paymentLinkOffering();
  const user = await makeUser();
  const started = await startLinkPurchase({ userId: user.id, offeringId: offering.id });
  if (started.hasAccess) throw new Error("unexpected access");
  const visit = await fetch(
    started.redirectUrl.replace(sandbox.sandbox.publicUrl, sandbox.sandbox.url),
    {
      redirect: "manual",
    },
  );
  const sessionId = /\/c\/pay\/(cs_\w+)$/.exec(visit.headers.get("location") ?? "")?.[1];
  if (!sessionId) throw new Error(`the payment link opened no session (${visit.status})`);
  return {
    community,
    offering,
    user,
    sessionId,
    purchaseId: started.purchaseId,
    orderId: started.orderId,
  };
}

describe("capture of a Payment Link session", () => {
  it("reports a declined card as not completed, with Stripe's reason and a link back, and grants nothing", async () => {
    const { community, user, sessionId, purchaseId, orderId } = await openLinkSession();

    const declined = await submitHostedCheckout(sandbox.sandbox.url, sessionId, {
      cardNumber: DECLINE_CARD,
    });
    expect(declined.html).toContain("Your card has insufficient funds.");
    const captured = await captureCheckoutSession({ userId: user.id, sessionId });

    const session = await sandbox.stripe.checkout.sessions.retrieve(sessionId);
    expect(session.status).toBe("open");
    expect(session.url).toMatch(new RegExp(`/c/pay/${sessionId}$`));
    expect(captured).toMatchObject({
      status: "not_completed",
      declineReason: "Your card was declined (insufficient funds).",
      checkoutUrl: session.url,
      sessionStatus: "open",
      purchaseStatus: "PENDING",
    });
    const rows = await purchaseRows(purchaseId);
    expect(rows.orders.map((order) => [order.id, order.status])).toEqual([[orderId, "PENDING"]]);
    expect(rows.memberships).toHaveLength(0);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);
  });

  it("lets the buyer pay the same session after the decline, and then reports paid", async () => {
    const { community, user, sessionId, purchaseId } = await openLinkSession();
    await submitHostedCheckout(sandbox.sandbox.url, sessionId, { cardNumber: DECLINE_CARD });
    const declined = await captureCheckoutSession({ userId: user.id, sessionId });
    expect(declined.status).toBe("not_completed");

    const paid = await submitHostedCheckout(sandbox.sandbox.url, sessionId, {
      cardNumber: "4242 4242 4242 4242",
    });
    expect(paid.location).toContain(`session_id=${sessionId}`);
    const captured = await captureCheckoutSession({ userId: user.id, sessionId });

    expect(captured).toMatchObject({ status: "paid", declineReason: null, checkoutUrl: null });
    expect((await purchaseRows(purchaseId)).purchase.status).toBe("SUCCEEDED");
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
  });

  it("answers 404 to another user, who learns nothing about the decline", async () => {
    const { sessionId, purchaseId } = await openLinkSession();
    await submitHostedCheckout(sandbox.sandbox.url, sessionId, { cardNumber: DECLINE_CARD });
    const other = await makeUser();

    await expect(captureCheckoutSession({ userId: other.id, sessionId })).rejects.toMatchObject({
      code: "not_found",
      status: 404,
    });
    expect((await purchaseRows(purchaseId)).purchase.status).toBe("PENDING");
  });

  it("falls back to a generic reason in subscription mode, where the session has no payment intent", async () => {
    const { user, orderId } = await pendingStripeOrderScenario();
    const { stripe } = sandbox;
    const price = await stripe.prices.create({
      currency: "usd",
      unit_amount: 1900,
      recurring: { interval: "month" },
      product_data: { name: "Monthly" },
    });
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      line_items: [{ price: price.id, quantity: 1 }],
      client_reference_id: orderId,
      success_url:
        "http://localhost:3000/dashboard/billing?provider=stripe&session_id={CHECKOUT_SESSION_ID}",
    });
    await submitHostedCheckout(sandbox.sandbox.url, session.id, { cardNumber: DECLINE_CARD });

    const captured = await captureCheckoutSession({ userId: user.id, sessionId: session.id });

    const retrieved = await stripe.checkout.sessions.retrieve(session.id);
    expect([retrieved.status, retrieved.payment_intent]).toEqual(["open", null]);
    expect(captured).toMatchObject({
      status: "not_completed",
      declineReason: "The payment was not completed.",
      checkoutUrl: session.url,
    });
  });

  it("marks the order EXPIRED on checkout.session.expired, and the capture says the checkout expired", async () => {
    const { community, user, sessionId, purchaseId, orderId } = await openLinkSession();
    await sandbox.stripe.checkout.sessions.expire(sessionId);
    const expired = await sandbox.event(
      "checkout.session.expired",
      (object) => object.id === sessionId,
    );

    const delivered = await deliverStripeEvent(expired);
    const captured = await captureCheckoutSession({ userId: user.id, sessionId });

    expect(delivered.status).toBe(200);
    const rows = await purchaseRows(purchaseId);
    expect(rows.orders.map((order) => [order.id, order.status])).toEqual([[orderId, "EXPIRED"]]);
    // The purchase stays open to a new attempt: "Proceed to Payment" starts one.
    expect(rows.purchase.status).toBe("PENDING");
    expect(rows.memberships).toHaveLength(0);
    expect(captured).toMatchObject({
      status: "expired",
      sessionStatus: "expired",
      declineReason: null,
      checkoutUrl: null,
    });
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);
  });
});
