/**
 * What the Stripe webhook benchmarks send and check: pending Stripe orders and the events that
 * pay them (tooling/seed/pending-stripe-orders.ts), each signed when it is sent as Stripe signs
 * it, and the effects they must leave exactly once.
 */
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { StripeOffering } from "../../tooling/seed/pending-stripe-orders";
import type { LoadRequest } from "../../tooling/load/run-load";
import { signedStripeDelivery } from "../../tooling/stripe";

export {
  completedEvent,
  createPendingStripeOrders,
  type StripeOffering,
} from "../../tooling/seed/pending-stripe-orders";

export const WEBHOOK_SECRET = `whsec_${randomBytes(24).toString("base64url")}`;

/** Called by the load runner right before it sends: signed then, as each Stripe attempt is. */
export function signedDelivery(payload: string): LoadRequest {
  return signedStripeDelivery(payload, WEBHOOK_SECRET);
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

/** Orders PAID: the naive handler's only effect (it grants nothing). */
export function paidExactly(offering: StripeOffering, expected: number) {
  return async (): Promise<Effects> => {
    const paid = await db.order.count({ where: { offeringId: offering.id, status: "PAID" } });
    return { ok: paid === expected, text: `${paid} orders PAID (goal exactly ${expected})` };
  };
}
