/**
 * Stripe slow: no database transaction stays open while Stripe answers, so 50 buyers starting
 * checkouts against a Stripe that takes 2 s per call do not starve the webhooks of connections,
 * and one buyer's concurrent clicks still end with one session.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { openPendingPurchase } from "@/lib/purchases/open-pending-purchase";
import { embeddedOffering, makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";
import { setUpStripeSandbox, startCheckout } from "../../helpers/stripe-app-sandbox";
import { deliverStripeEvent } from "../../helpers/stripe-webhook";
import { checkoutSession, stripeEvent } from "../../../tooling/stripe";

const stripe = setUpStripeSandbox();
beforeEach(resetDatabase);
afterEach(async () => setFaults({ latencyMs: 0, failure: "none" }));

async function setFaults(faults: { latencyMs?: number; failure?: string }) {
  const answer = await fetch(`${stripe.sandbox.url}/_sandbox/faults`, {
    method: "POST",
    body: JSON.stringify(faults),
  });
  expect(answer.status).toBe(200);
}

describe("a slow Stripe", () => {
  it("while 50 checkouts wait 2 s per Stripe call, webhooks keep flowing (p99 < 200 ms), and every checkout ends with its session", async () => {
    const { offering } = await embeddedOffering();
    const buyers = await Promise.all(Array.from({ length: 50 }, () => makeUser()));
    // Customers exist already: each checkout then makes the slow calls that matter.
    await Promise.all(
      buyers.map(async (buyer) => {
        const customer = await stripe.stripe.customers.create({ email: buyer.email });
        await db.user.update({
          where: { id: buyer.id },
          data: { stripeCustomerId: customer.id },
        });
      }),
    );
    const webhookOrders = await Promise.all(
      Array.from({ length: 100 }, async () => {
        const user = await makeUser();
        const row = await db.offering.findUniqueOrThrow({ where: { id: offering.id } });
        return db.$transaction((tx) =>
          openPendingPurchase(tx, { userId: user.id, offering: row, provider: "STRIPE" }),
        );
      }),
    );
    await setFaults({ latencyMs: 2000 });

    const checkouts = Promise.all(buyers.map((buyer) => startCheckout(buyer.id, offering.id)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const latencies: number[] = [];
    for (const { orderId } of webhookOrders) {
      const started = performance.now();
      const answer = await deliverStripeEvent(
        stripeEvent("checkout.session.completed", checkoutSession({ orderId })),
      );
      latencies.push(performance.now() - started);
      expect(answer.status).toBe(200);
    }
    const sessions = await checkouts;

    latencies.sort((a, b) => a - b);
    expect(latencies[Math.ceil(0.99 * latencies.length) - 1]).toBeLessThan(200);
    expect(new Set(sessions.map((session) => session.sessionId)).size).toBe(50);
    expect(await db.purchase.count({ where: { status: "SUCCEEDED" } })).toBe(100);
  }, 60_000);

  it("one buyer's concurrent clicks against a slow Stripe still end with one session", async () => {
    const { offering } = await embeddedOffering();
    const buyer = await makeUser();
    await setFaults({ latencyMs: 500 });
    const started = await Promise.all(
      Array.from({ length: 5 }, () => startCheckout(buyer.id, offering.id)),
    );
    expect(new Set(started.map((session) => session.sessionId)).size).toBe(1);
    const orders = await db.order.findMany({ where: { userId: buyer.id } });
    expect(orders.map((order) => order.providerOrderId)).toEqual([started[0].sessionId]);
  }, 60_000);
});
