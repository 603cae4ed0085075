/**
 * The app's Stripe webhook route handler, called in-process as Stripe's HTTP request would call
 * it, with events built and signed by tooling/stripe; and a pending Stripe order to point them at.
 */
import { POST } from "@/app/api/webhooks/stripe/route";
import { db } from "@/lib/db";
import { openPendingPurchase } from "@/lib/purchases/open-pending-purchase";
import { embeddedOffering, makeOffering, makeUser } from "../../tooling/seed/factories";
import { serialiseEvent, stripeDeliveryHeaders, stripeSignature } from "../../tooling/stripe";

/** The secret vitest.config.ts gives the app. */
export const WEBHOOK_SECRET = "whsec_integration_test_secret";

export type StripeDelivery = {
  /** Bytes to post instead of the serialised event (the signature still covers the event's). */
  rawBody?: string;
  /** The Stripe-Signature header; null leaves it out. Default: a valid one for the event. */
  signature?: string | null;
  /** Default: WEBHOOK_SECRET. */
  secret?: string;
  timestamp?: number;
};

export type WebhookAnswer = { status: number; body: Record<string, unknown> };

/** POSTs an event to the Stripe webhook route handler as Stripe would. */
export async function deliverStripeEvent(
  event: object,
  delivery: StripeDelivery = {},
): Promise<WebhookAnswer> {
  const payload = serialiseEvent(event);
  const { secret = WEBHOOK_SECRET, timestamp } = delivery;
  const signature =
    delivery.signature === undefined
      ? stripeSignature(payload, { secret, timestamp })
      : delivery.signature;
  const request = new Request("http://localhost:3000/api/webhooks/stripe", {
    method: "POST",
    headers: stripeDeliveryHeaders(signature),
    body: delivery.rawBody ?? payload,
  });
  const response = await POST(request, { params: Promise.resolve({}) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/**
 * A user with a pending Stripe order for a STRIPE_EMBEDDED offering that grants one community,
 * made the way checkout makes it (no Stripe call: the session is the event's business).
 */
export async function pendingStripeOrderScenario(
  offeringOverrides: Parameters<typeof makeOffering>[0] = {},
) {
  const { community, offering } = await embeddedOffering(offeringOverrides);
  const price = await db.offering.findUniqueOrThrow({
    where: { id: offering.id },
    select: { id: true, priceAmount: true, currency: true },
  });
  const user = await makeUser();
  const { purchaseId, orderId } = await db.$transaction((tx) =>
    openPendingPurchase(tx, { userId: user.id, offering: price, provider: "STRIPE" }),
  );
  const metadata = { purchaseId, orderId, offeringId: offering.id, userId: user.id };
  return { community, offering, user, purchaseId, orderId, metadata };
}

/** What a purchase left in the database: the rows a test asserts on. */
export async function purchaseRows(purchaseId: string) {
  const [purchase, orders, memberships, grants, revokes, events] = await Promise.all([
    db.purchase.findUniqueOrThrow({ where: { id: purchaseId } }),
    db.order.findMany({ where: { purchaseId } }),
    db.membership.findMany({ where: { purchaseId } }),
    db.accessEvent.count({ where: { purchaseId, action: "GRANT" } }),
    db.accessEvent.count({ where: { purchaseId, action: "REVOKE" } }),
    db.processedEvent.findMany({ where: { purchaseId }, orderBy: { receivedAt: "asc" } }),
  ]);
  return { purchase, orders, memberships, grants, revokes, events };
}
