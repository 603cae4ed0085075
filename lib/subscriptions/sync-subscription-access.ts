import type { Tx } from "@/lib/db";
import type { SubscriptionStatus } from "@/lib/generated/prisma/client";
import { setPurchaseAccessEnd, type AccessWhy } from "@/lib/access/set-purchase-access-end";
import { revokePurchaseAccess } from "@/lib/access/revoke-purchase-access";

export type SubscriptionAccessState = {
  purchaseId: string;
  userId: string;
  offeringId: string;
  status: SubscriptionStatus;
  currentPeriodEnd: Date | null;
  paidThrough: Date | null;
  endedAt: Date | null;
};

export type AccessCause = AccessWhy;

/**
 * How long a subscription opens its communities: to the period end while active or trialing
 * (a period at cancel_at_period_end included; a paid invoice whose `subscription.updated` is
 * still on its way counts too), to the end of the last paid period while a renewal is failing
 * (past_due), and not at all otherwise. Null means "no access".
 */
export function subscriptionAccessEnd(
  state: Pick<SubscriptionAccessState, "status" | "currentPeriodEnd" | "paidThrough">,
) {
  if (state.status === "active" || state.status === "trialing")
    return later(state.currentPeriodEnd, state.paidThrough);
  if (state.status === "past_due") return state.paidThrough;
  return null;
}

function later(a: Date | null, b: Date | null): Date | null {
  if (!a || !b) return a ?? b;
  return a > b ? a : b;
}

/**
 * Brings the purchase's memberships in line with its subscription (setPurchaseAccessEnd writes
 * GRANT / EXTEND / SHORTEN on the trail), or revokes them (REVOKE) when the subscription no
 * longer gives access. Expiry is read at query time, so a lapsed past_due period needs no job.
 */
export async function syncSubscriptionAccess(
  tx: Tx,
  state: SubscriptionAccessState,
  why: AccessCause,
) {
  const purchase = await tx.purchase.findUniqueOrThrow({
    where: { id: state.purchaseId },
    select: { status: true },
  });
  const until = purchase.status === "SUCCEEDED" ? subscriptionAccessEnd(state) : null;
  if (!until) {
    const revoked = await revokePurchaseAccess(tx, { purchaseId: state.purchaseId, ...why });
    if (purchase.status === "SUCCEEDED") {
      // Access ends now, when its memberships are revoked: never later, even when Stripe's
      // (or a test clock's) end of the subscription lies ahead of this server's clock.
      const now = new Date();
      const expiresAt = state.endedAt && state.endedAt < now ? state.endedAt : now;
      await tx.purchase.update({ where: { id: state.purchaseId }, data: { expiresAt } });
    }
    return { granted: 0, changed: 0, revoked };
  }

  const { granted, changed } = await setPurchaseAccessEnd(tx, state, until, why);
  return { granted, changed, revoked: 0 };
}
