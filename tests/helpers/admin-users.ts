import { expect } from "vitest";
import { db } from "@/lib/db";
import { pendingPurchaseScenario } from "../../tooling/seed/factories";
import { postOfferingWebhook } from "./offering-webhook";
import { makeInvoiceOrder, makeSubscription, monthly } from "./subscriptions";

/** A buyer who paid through the offering's webhook: a real event, a real trail entry. */
export async function paidBuyer(paymentId = "PAYID-7XK21") {
  const scenario = await pendingPurchaseScenario();
  const delivered = await postOfferingWebhook(
    scenario.offering.id,
    {
      status: "succeeded",
      purchase_id: scenario.purchaseId,
      payment_id: paymentId,
      amount: 4900,
      currency: "usd",
    },
    { secret: scenario.offering.webhookSecret },
  );
  expect(delivered.status).toBe(200);
  return scenario;
}

/** A Stripe subscription whose first order carries a checkout session, payment intent and invoice. */
export async function stripeCheckoutOrder(userId: string) {
  const offering = await monthly();
  const subscription = await makeSubscription({
    userId,
    offeringId: offering.id,
    status: "active",
  });
  const order = await makeInvoiceOrder(subscription, {
    invoiceId: "in_1Search",
    createdAt: new Date(),
  });
  await db.order.update({
    where: { id: order.id },
    data: { providerOrderId: "cs_test_a1Search", providerCaptureId: "pi_3Search" },
  });
  return { subscription, order };
}
