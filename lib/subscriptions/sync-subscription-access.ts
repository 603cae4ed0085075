import type { Tx } from "@/lib/db";
import type { SubscriptionStatus } from "@/lib/generated/prisma/client";
import {
  countAccessChangesOf,
  type AccessChanges,
  type AccessWhy,
} from "@/lib/access/set-purchase-access-end";

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
 * Brings the purchase's memberships in line with its subscription: open to the period end while
 * active or trialing, to the end of the last paid period while past_due, closed otherwise
 * (GRANT / EXTEND / SHORTEN, or REVOKE, on the trail). The rule is the SQL function
 * sync_subscription_access (prisma/functions/), which the renewal fast paths run too.
 */
export async function syncSubscriptionAccess(
  tx: Tx,
  state: SubscriptionAccessState,
  why: AccessCause,
) {
  const [changes] = await tx.$queryRaw<AccessChanges[]>`
    SELECT * FROM sync_subscription_access(${state.purchaseId}, ${state.userId},
      ${state.offeringId}, ${state.status}, ${state.currentPeriodEnd}, ${state.paidThrough},
      ${state.endedAt}, ${why.cause}, ${why.eventRecordId ?? null}, ${why.actorId ?? null},
      ${new Date()})`;
  return countAccessChangesOf(changes);
}
