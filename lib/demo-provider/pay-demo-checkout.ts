import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { findDemoOrder } from "@/lib/demo-provider/demo-checkout";
import { AppError } from "@/lib/errors";
import { offeringWebhookUrl } from "@/lib/offerings/webhook-url";
import { decryptSecret } from "@/lib/security/secrets";

export type PayDemoCheckoutOptions = {
  userId: string;
  purchaseId: string;
  outcome: "succeeded" | "failed";
};

/**
 * The buyer pays (or declines) one of their own pending purchases: the demo provider posts the
 * provider's webhook to our own endpoint, over HTTP, and reports what it answered.
 */
export async function payDemoCheckout({ userId, purchaseId, outcome }: PayDemoCheckoutOptions) {
  const order = await findDemoOrder({ userId, purchaseId });
  if (order.status !== "PENDING") {
    throw new AppError("conflict", `This payment is already ${order.status.toLowerCase()}.`);
  }
  const offering = await db.offering.findUniqueOrThrow({
    where: { id: order.offeringId },
    select: { webhookSecret: true },
  });
  const response = await fetch(offeringWebhookUrl(order.offeringId), {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-offering-secret": decryptSecret(offering.webhookSecret),
    },
    body: JSON.stringify({
      status: outcome,
      purchase_id: purchaseId,
      payment_id: `demo_${randomUUID()}`,
      amount: order.amount,
      currency: order.currency,
    }),
  });
  if (!response.ok) {
    throw new AppError("conflict", `The shop's webhook answered ${response.status}.`, {
      body: await response.text(),
    });
  }
}
