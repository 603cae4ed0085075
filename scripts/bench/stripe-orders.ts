/**
 * The pending Stripe orders the webhook benchmarks pay, the events that pay them, signed as
 * Stripe signs them, and the effects they must leave exactly once.
 */
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { openPendingPurchase } from "@/lib/purchases/open-pending-purchase";
import {
  checkoutSession,
  embeddedOffering,
  serialiseEvent,
  signatureFor,
  stripeEvent,
} from "../../tests/helpers/stripe-events";
import { forEachConcurrently, type BenchRequest } from "./harness";

export const WEBHOOK_SECRET = `whsec_${randomBytes(24).toString("base64url")}`;

export type StripeOffering = {
  id: string;
  communityId: string;
  priceAmount: number;
  currency: string;
  orderIds: string[];
};

/** A STRIPE_EMBEDDED offering granting one community, each of `buyers` users with a pending order. */
export async function createPendingStripeOrders(label: string, buyers: number): Promise<StripeOffering> {
  const { community, offering } = await embeddedOffering({ name: `${label} offering` });
  const price = await db.offering.findUniqueOrThrow({
    where: { id: offering.id },
    select: { id: true, priceAmount: true, currency: true },
  });
  const userIds = Array.from({ length: buyers }, (_, index) => `bench-${label}-buyer-${index}`);
  await db.user.createMany({ data: userIds.map((id) => ({ id, email: `${id}@example.test` })) });
  const orderIds = new Array<string>(buyers);
  await forEachConcurrently(buyers, 8, async (index) => {
    const userId = userIds[index];
    const opened = await db.$transaction((tx) =>
      openPendingPurchase(tx, { userId, offering: price, provider: "STRIPE" }),
    );
    orderIds[index] = opened.orderId;
  });
  return { ...price, communityId: community.id, orderIds };
}

/** The event Stripe posts once the order's embedded checkout is paid, as Stripe serialises it. */
export function completedEvent(offering: StripeOffering, orderId: string): string {
  const session = checkoutSession({
    orderId,
    metadata: { orderId, offeringId: offering.id },
    amount: offering.priceAmount,
    currency: offering.currency,
  });
  return serialiseEvent(stripeEvent("checkout.session.completed", session));
}

/**
 * Called by the load runner right before it sends: signed then, as each Stripe attempt is. Headers
 * as Stripe sends them; `identity` because fetch would otherwise ask for a gzipped 60-byte reply.
 */
export function signedDelivery(payload: string): BenchRequest {
  const headers = {
    accept: "*/*; q=0.5, application/xml",
    "accept-encoding": "identity",
    "cache-control": "no-cache",
    "content-type": "application/json; charset=utf-8",
    "stripe-signature": signatureFor(payload, { secret: WEBHOOK_SECRET }),
    "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
  };
  return { path: "/api/webhooks/stripe", headers, body: payload };
}

export async function countEffects(offering: Pick<StripeOffering, "id" | "communityId">) {
  const [succeeded, grants] = await Promise.all([
    db.purchase.count({ where: { offeringId: offering.id, status: "SUCCEEDED" } }),
    db.accessEvent.count({ where: { communityId: offering.communityId, action: "GRANT" } }),
  ]);
  return { succeeded, grants };
}

export type Effects = { ok: boolean; text: string };

/** Purchases SUCCEEDED and GRANT rows: `expected` of each when every payment applied once. */
export function grantedExactly(offering: StripeOffering, expected: number) {
  return async (): Promise<Effects> => {
    const { succeeded, grants } = await countEffects(offering);
    const text = `${succeeded} purchases SUCCEEDED, ${grants} GRANT rows (goal exactly ${expected} each)`;
    return { ok: succeeded === expected && grants === expected, text };
  };
}

