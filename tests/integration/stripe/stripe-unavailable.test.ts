/**
 * Stripe down, failing or throttling: buyers and admins get 503 provider_unavailable with
 * Retry-After and a message they understand, and nothing is left half-done: the retry reuses
 * the pending order.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { errorResponse } from "@/lib/errors";
import { refundPurchaseAsAdmin } from "@/lib/purchases/refund-purchase-as-admin";
import { captureCheckoutSession } from "@/lib/payments/stripe/capture-checkout-session";
import { openBillingPortal } from "@/lib/payments/stripe/open-billing-portal";
import { startEmbeddedCheckout } from "@/lib/payments/stripe/start-embedded-checkout";
import { embeddedOffering, makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";
import { setUpStripeSandbox, startCheckout } from "../../helpers/stripe-app-sandbox";

const stripe = setUpStripeSandbox();
beforeEach(resetDatabase);
afterEach(async () => setFaults({ failure: "none", latencyMs: 0 }));

async function setFaults(faults: { failure?: string; latencyMs?: number }) {
  const answer = await fetch(`${stripe.sandbox.url}/_sandbox/faults`, {
    method: "POST",
    body: JSON.stringify(faults),
  });
  expect(answer.status).toBe(200);
}

/** What the route answers for what the use case threw. */
async function answerFor(work: Promise<unknown>) {
  const error = await work.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error, "the call should fail").not.toBeNull();
  const response = errorResponse(error);
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe("Stripe unreachable or failing", () => {
  it.each(["down", "500", "429"])(
    "checkout start with Stripe %s answers 503 provider_unavailable; the retry reuses the pending order",
    async (failure) => {
      const { offering } = await embeddedOffering();
      const user = await makeUser();
      await startCheckout(user.id, offering.id).then(async () => {
        // The first session exists; make it stale so the next start must talk to Stripe again.
        await db.purchase.updateMany({
          where: { userId: user.id },
          data: { createdAt: new Date(Date.now() - 3_600_000) },
        });
      });
      await setFaults({ failure });
      const answer = await answerFor(
        startEmbeddedCheckout({ userId: user.id, offeringId: offering.id }),
      );
      expect(answer).toMatchObject({
        status: 503,
        retryAfter: "30",
        body: { error: "provider_unavailable" },
      });
      expect(String(answer.body.message)).toContain("Nothing was charged");

      await setFaults({ failure: "none" });
      const retried = await startCheckout(user.id, offering.id);
      const orders = await db.order.findMany({ where: { userId: user.id } });
      expect(orders.map((order) => order.id)).toEqual([retried.orderId]);
      expect(orders[0].providerOrderId).toBe(retried.sessionId);
    },
    60_000,
  );

  it("the return page's capture, the billing portal and an admin refund answer 503 too, and change nothing", async () => {
    const { checkout, user } = await stripe.paidPurchase();
    const admin = await makeUser({ role: "ADMIN" });
    await setFaults({ failure: "500" });
    expect(
      await answerFor(captureCheckoutSession({ userId: user.id, sessionId: checkout.sessionId })),
    ).toMatchObject({ status: 503 });
    expect(await answerFor(openBillingPortal({ userId: user.id }))).toMatchObject({ status: 503 });
    await setFaults({ failure: "429" });
    expect(
      await answerFor(
        refundPurchaseAsAdmin({ purchaseId: checkout.purchaseId, adminId: admin.id }),
      ),
    ).toMatchObject({
      status: 503,
      body: { error: "provider_unavailable" },
    });
    expect(
      await db.purchase.findUniqueOrThrow({ where: { id: checkout.purchaseId } }),
    ).toMatchObject({ status: "SUCCEEDED" });
  }, 60_000);
});
