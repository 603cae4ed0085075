/**
 * A stand-in for an external payment provider, for the demo: it "takes the payment" and posts
 * the generic webhook over HTTP with the offering's secret, exactly as PayPal, a shop or a
 * script would. It only serves offerings whose payment link points at it, and only when
 * DEMO_PROVIDER=on.
 */
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { appUrl, getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { offeringWebhookUrl } from "@/lib/offerings/webhook-url";
import { decryptSecret } from "@/lib/security/secrets";

/** The payment link an admin gives an offering to have the demo provider take its payments. */
export function demoProviderLink(): string {
  return `${appUrl()}/demo-provider/pay?purchase_id={purchase_id}&email={user_email}`;
}

async function findDemoOrder(purchaseId: string) {
  if (getEnv().DEMO_PROVIDER !== "on") throw new AppError("not_found", "The demo provider is off.");
  const order = await db.order.findFirst({
    where: { purchaseId, offering: { paymentLink: { startsWith: `${appUrl()}/demo-provider/` } } },
    orderBy: { createdAt: "desc" },
    select: {
      offeringId: true,
      amount: true,
      currency: true,
      status: true,
      offering: { select: { name: true } },
    },
  });
  if (!order) throw new AppError("not_found", "The demo provider knows no such payment.");
  return order;
}

export async function getDemoCheckout({ purchaseId }: { purchaseId: string }) {
  const order = await findDemoOrder(purchaseId);
  return { offeringName: order.offering.name, amount: order.amount, currency: order.currency, status: order.status };
}

export type PayDemoCheckoutOptions = { purchaseId: string; outcome: "succeeded" | "failed" };

/** Posts the provider's webhook to our own endpoint, over HTTP, and reports what it answered. */
export async function payDemoCheckout({ purchaseId, outcome }: PayDemoCheckoutOptions) {
  const order = await findDemoOrder(purchaseId);
  const offering = await db.offering.findUniqueOrThrow({
    where: { id: order.offeringId },
    select: { webhookSecret: true },
  });
  const response = await fetch(offeringWebhookUrl(order.offeringId), {
    method: "POST",
    headers: { "content-type": "application/json", "x-offering-secret": decryptSecret(offering.webhookSecret) },
    body: JSON.stringify({
      status: outcome,
      purchase_id: purchaseId,
      payment_id: `demo_${randomUUID()}`,
      amount: order.amount,
      currency: order.currency,
    }),
  });
  if (!response.ok) {
    throw new AppError("conflict", `The shop's webhook answered ${response.status}.`, { body: await response.text() });
  }
}
