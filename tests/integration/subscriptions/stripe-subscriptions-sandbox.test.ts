/**
 * Subscriptions through the app's own code against the Stripe sandbox: offerings kept in step
 * with Stripe prices, subscription-mode checkout on both channels, and the events Stripe really
 * sends, delivered in the worst order.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { updateOffering } from "@/lib/offerings/update-offering";
import { offeringInput } from "@/lib/offerings/schemas";
import { startEmbeddedCheckout } from "@/lib/payments/stripe/start-embedded-checkout";
import { openBillingPortal } from "@/lib/payments/stripe/open-billing-portal";
import { startLinkPurchase } from "@/lib/purchases/start-link-purchase";
import { cancelSubscriptionAsAdmin } from "@/lib/subscriptions/cancel-subscription-as-admin";
import { makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";
import {
  recurringOffering,
  setUpStripeSandbox,
  startCheckout,
} from "../../helpers/stripe-app-sandbox";
import { deliverStripeEvent } from "../../helpers/stripe-webhook";
import { submitHostedCheckout } from "@offerings/stripe-sandbox/testing";
import { eventMark, eventsSince } from "@offerings/stripe-sandbox/testing";
import { subscriptionRows } from "../../helpers/stripe-subscriptions";

const stripe = setUpStripeSandbox();
beforeEach(resetDatabase);

/** Every event the sandbox recorded since `mark`, delivered newest first, each expected 2xx. */
async function deliverReversed(mark: string | undefined) {
  const events = (await eventsSince(stripe.stripe, mark)).reverse();
  for (const event of events) {
    const answer = await deliverStripeEvent(event);
    expect(answer.status, `${event.type}: ${JSON.stringify(answer.body)}`).toBe(200);
  }
  return events.map((event) => event.type);
}

describe("offerings in step with Stripe prices", () => {
  it("a monthly offering gets a Product and a recurring Price; a new amount makes a new Price and keeps the old one known", async () => {
    const { offering } = await recurringOffering("STRIPE_EMBEDDED");
    const saved = await db.offering.findUniqueOrThrow({ where: { id: offering.id } });
    const price = await stripe.stripe.prices.retrieve(saved.stripePriceId!);
    expect(price).toMatchObject({
      product: saved.stripeProductId,
      unit_amount: 1900,
      currency: "usd",
      active: true,
      recurring: { interval: "month" },
    });

    const input = offeringInput.parse({
      name: "MONTHLY members",
      priceAmount: 2500,
      currency: "usd",
      pricingType: "MONTHLY",
      channel: "STRIPE_EMBEDDED",
      communityIds: [],
    });
    await updateOffering({ offeringId: offering.id, input });
    const updated = await db.offering.findUniqueOrThrow({
      where: { id: offering.id },
      include: { prices: true },
    });
    expect(updated.stripePriceId).not.toBe(saved.stripePriceId);
    expect(await stripe.stripe.prices.retrieve(updated.stripePriceId!)).toMatchObject({
      unit_amount: 2500,
      active: true,
    });
    expect(await stripe.stripe.prices.retrieve(saved.stripePriceId!)).toMatchObject({
      unit_amount: 1900,
      active: false,
    });
    expect(updated.prices.map((row) => row.amount).sort()).toEqual([1900, 2500]);

    // Saving again with nothing changed makes no new Price.
    await updateOffering({ offeringId: offering.id, input });
    expect(await db.offeringPrice.count({ where: { offeringId: offering.id } })).toBe(2);
  });
});

describe("subscribing through Embedded Checkout", () => {
  it("double clicks share one session; paying and Stripe's events in reverse order end with one subscription, one paid order, pro and access", async () => {
    const { community, offering } = await recurringOffering("STRIPE_EMBEDDED");
    const user = await makeUser();
    const [first, second] = await Promise.all([
      startCheckout(user.id, offering.id),
      startCheckout(user.id, offering.id),
    ]);
    expect(second.sessionId).toBe(first.sessionId);
    const session = await stripe.stripe.checkout.sessions.retrieve(first.sessionId);
    expect(session).toMatchObject({ mode: "subscription", client_reference_id: first.orderId });

    const mark = await eventMark(stripe.stripe);
    await stripe.pay(first.sessionId, "4242424242424242");
    const types = await deliverReversed(mark);
    expect(types).toEqual(
      expect.arrayContaining([
        "checkout.session.completed",
        "customer.subscription.created",
        "invoice.paid",
      ]),
    );

    const rows = await subscriptionRows(first.purchaseId, user.id);
    expect(rows.subscription).toMatchObject({ status: "active", cancelAtPeriodEnd: false });
    expect(rows.orders.map((order) => [order.id, order.status, order.amount])).toEqual([
      [first.orderId, "PAID", 1900],
    ]);
    expect(rows.orders[0].providerInvoiceId).toMatch(/^in_/);
    expect(rows.orders[0].providerCaptureId).toMatch(/^pi_/);
    expect(rows.user).toEqual({ plan: "pro", stripeSubscriptionStatus: "active" });
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
    expect(await startEmbeddedCheckout({ userId: user.id, offeringId: offering.id })).toEqual({
      success: false,
      hasAccess: true,
    });
  });

  it("an invoice.paid that arrives before anything else builds the subscription from Stripe", async () => {
    const { community, offering } = await recurringOffering("STRIPE_EMBEDDED", "YEARLY");
    const user = await makeUser();
    const checkout = await startCheckout(user.id, offering.id);
    const mark = await eventMark(stripe.stripe);
    await stripe.pay(checkout.sessionId, "4242424242424242");
    const paid = (await eventsSince(stripe.stripe, mark)).find(
      (event) => event.type === "invoice.paid",
    )!;

    expect((await deliverStripeEvent(paid)).status).toBe(200);
    const rows = await subscriptionRows(checkout.purchaseId, user.id);
    expect(rows.subscription?.status).toBe("active");
    expect(rows.orders.map((order) => order.status)).toEqual(["PAID"]);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
  });
});

describe("subscribing through a Payment Link", () => {
  it("the app makes the recurring link; a subscription event first finds its order through the link's Checkout Session", async () => {
    const { community, offering } = await recurringOffering("STRIPE_PAYMENT_LINK", "YEARLY");
    const user = await makeUser();
    const started = await startLinkPurchase({ userId: user.id, offeringId: offering.id });
    if (started.hasAccess) throw new Error("expected a redirect");
    const visit = await fetch(started.redirectUrl, { redirect: "manual" });
    const sessionId = /\/c\/pay\/(cs_[^/?]+)/.exec(visit.headers.get("location") ?? "")?.[1];
    expect(sessionId).toBeTruthy();

    const mark = await eventMark(stripe.stripe);
    const paid = await submitHostedCheckout(stripe.sandbox.url, sessionId!, {
      cardNumber: "4242424242424242",
      email: user.email,
    });
    expect(paid.status).toBe(303);
    const events = await eventsSince(stripe.stripe, mark);
    const created = events.find((event) => event.type === "customer.subscription.created")!;
    expect((await deliverStripeEvent(created)).status).toBe(200);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
    for (const event of events) expect((await deliverStripeEvent(event)).status).toBe(200);

    const rows = await subscriptionRows(started.purchaseId, user.id);
    expect(rows.orders.map((order) => [order.id, order.status])).toEqual([
      [started.orderId, "PAID"],
    ]);
    const stored = await db.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { stripeCustomerId: true },
    });
    expect(stored.stripeCustomerId).toBe(rows.subscription?.stripeCustomerId);
    expect((await openBillingPortal({ userId: user.id })).url).toContain("/p/session/");
  });
});

describe("two tabs on one Payment Link", () => {
  it("both paid: one subscription stays, the second is canceled at Stripe and refunded", async () => {
    const { offering } = await recurringOffering("STRIPE_PAYMENT_LINK");
    const user = await makeUser();
    const started = await startLinkPurchase({ userId: user.id, offeringId: offering.id });
    if (started.hasAccess) throw new Error("expected a redirect");
    const mark = await eventMark(stripe.stripe);
    for (const tab of [1, 2]) {
      const visit = await fetch(started.redirectUrl, { redirect: "manual" });
      const sessionId = /\/c\/pay\/(cs_[^/?]+)/.exec(visit.headers.get("location") ?? "")![1];
      const paid = await submitHostedCheckout(stripe.sandbox.url, sessionId, {
        cardNumber: "4242424242424242",
        email: user.email,
      });
      expect(paid.status, `tab ${tab}`).toBe(303);
    }
    const events = await eventsSince(stripe.stripe, mark);
    for (const event of events) expect((await deliverStripeEvent(event)).status).toBe(200);

    const atStripe = await stripe.stripe.subscriptions.list({ status: "all", limit: 10 });
    const ours = atStripe.data.filter((subscription) =>
      events.some((event) => (event.data.object as { id?: string }).id === subscription.id),
    );
    expect(ours.map((subscription) => subscription.status).sort()).toEqual(["active", "canceled"]);
    const kept = await db.subscription.findMany({ where: { userId: user.id } });
    expect(kept.map((row) => [row.stripeSubscriptionId, row.status])).toEqual([
      [ours.find((s) => s.status === "active")!.id, "active"],
    ]);
    const duplicate = ours.find((subscription) => subscription.status === "canceled")!;
    const invoices = await stripe.stripe.invoices.list({
      subscription: duplicate.id,
      expand: ["data.payments"],
    });
    const intent = invoices.data[0].payments?.data[0]?.payment.payment_intent as string;
    const charge = await stripe.stripe.charges.retrieve(
      (await stripe.stripe.paymentIntents.retrieve(intent)).latest_charge as string,
    );
    expect(charge.refunded).toBe(true);
    const orders = await db.order.findMany({ where: { purchaseId: started.purchaseId } });
    expect(orders.map((order) => order.status)).toEqual(["PAID"]);
  });
});

describe("an admin cancelling through Stripe", () => {
  it("at period end keeps access and pro; now ends both, and Stripe's own events change nothing more", async () => {
    const { community, offering } = await recurringOffering("STRIPE_EMBEDDED");
    const user = await makeUser();
    const admin = await makeUser({ role: "ADMIN" });
    const checkout = await startCheckout(user.id, offering.id);
    let mark = await eventMark(stripe.stripe);
    await stripe.pay(checkout.sessionId, "4242424242424242");
    await deliverReversed(mark);
    const { id } = await db.subscription.findUniqueOrThrow({
      where: { purchaseId: checkout.purchaseId },
    });

    mark = await eventMark(stripe.stripe);
    await cancelSubscriptionAsAdmin({ subscriptionId: id, when: "period_end", actorId: admin.id });
    let rows = await subscriptionRows(checkout.purchaseId, user.id);
    expect(rows.subscription).toMatchObject({ status: "active", cancelAtPeriodEnd: true });
    expect(rows.user.plan).toBe("pro");
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
    await deliverReversed(mark);
    await expect(
      cancelSubscriptionAsAdmin({ subscriptionId: id, when: "period_end", actorId: admin.id }),
    ).rejects.toMatchObject({ code: "conflict" });

    mark = await eventMark(stripe.stripe);
    await cancelSubscriptionAsAdmin({ subscriptionId: id, when: "now", actorId: admin.id });
    expect(
      await stripe.stripe.subscriptions.retrieve(rows.subscription!.stripeSubscriptionId),
    ).toMatchObject({ status: "canceled" });
    rows = await subscriptionRows(checkout.purchaseId, user.id);
    expect(rows.subscription?.status).toBe("canceled");
    expect(rows.user).toEqual({ plan: "free", stripeSubscriptionStatus: "canceled" });
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);
    const revokes = await db.accessEvent.findMany({
      where: { purchaseId: checkout.purchaseId, action: "REVOKE" },
    });
    expect(revokes.map((entry) => entry.actorId)).toEqual([admin.id]);
    expect(await deliverReversed(mark)).toContain("customer.subscription.deleted");
    expect(
      await db.accessEvent.count({ where: { purchaseId: checkout.purchaseId, action: "REVOKE" } }),
    ).toBe(1);
    await expect(
      cancelSubscriptionAsAdmin({ subscriptionId: id, when: "now", actorId: admin.id }),
    ).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("the billing portal", () => {
  it("answers 409 to a user with no Stripe customer", async () => {
    const user = await makeUser();
    await expect(openBillingPortal({ userId: user.id })).rejects.toMatchObject({
      code: "conflict",
      status: 409,
    });
  });
});
