import type { Tx } from "@/lib/db";
import type { SubscriptionStatus } from "@/lib/generated/prisma/client";
import { grantPurchaseAccess } from "@/lib/access/grant-purchase-access";
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

export type AccessCause = { cause: string; eventRecordId?: string; actorId?: string };

/**
 * How long a subscription opens its communities: to the period end while active or trialing
 * (a period at cancel_at_period_end included; a paid invoice whose `subscription.updated` is
 * still on its way counts too), to the end of the last paid period while a renewal is failing
 * (past_due), and not at all otherwise. Null means "no access".
 */
export function subscriptionAccessEnd(state: Pick<SubscriptionAccessState, "status" | "currentPeriodEnd" | "paidThrough">) {
  if (state.status === "active" || state.status === "trialing") return later(state.currentPeriodEnd, state.paidThrough);
  if (state.status === "past_due") return state.paidThrough;
  return null;
}

function later(a: Date | null, b: Date | null): Date | null {
  if (!a || !b) return a ?? b;
  return a > b ? a : b;
}

/**
 * Brings the purchase's memberships in line with its subscription, writing each change on the
 * access trail: GRANT for a new (or reopened) membership, EXTEND / SHORTEN when its end moves,
 * REVOKE when the subscription no longer gives access. Expiry is read at query time, so a
 * lapsed past_due period needs no job.
 */
export async function syncSubscriptionAccess(tx: Tx, state: SubscriptionAccessState, why: AccessCause) {
  const purchase = await tx.purchase.findUniqueOrThrow({ where: { id: state.purchaseId }, select: { status: true } });
  const until = purchase.status === "SUCCEEDED" ? subscriptionAccessEnd(state) : null;
  if (!until) {
    const revoked = await revokePurchaseAccess(tx, { purchaseId: state.purchaseId, ...why });
    if (purchase.status === "SUCCEEDED") {
      await tx.purchase.update({ where: { id: state.purchaseId }, data: { expiresAt: state.endedAt ?? new Date() } });
    }
    return { granted: 0, changed: 0, revoked };
  }

  const trail = (action: "GRANT" | "EXTEND" | "SHORTEN", membership: { id: string; communityId: string }) => ({
    action,
    userId: state.userId,
    communityId: membership.communityId,
    membershipId: membership.id,
    purchaseId: state.purchaseId,
    cause: why.cause,
    eventId: why.eventRecordId ?? null,
    actorId: why.actorId ?? null,
  });
  const existing = await tx.membership.findMany({
    where: { purchaseId: state.purchaseId },
    select: { id: true, communityId: true, expiresAt: true, revokedAt: true },
  });
  const entries = [];
  for (const membership of existing) {
    const reopened = membership.revokedAt !== null;
    const moved = membership.expiresAt?.getTime() !== until.getTime();
    if (!reopened && !moved) continue;
    await tx.membership.update({ where: { id: membership.id }, data: { expiresAt: until, revokedAt: null } });
    const later = !membership.expiresAt || until > membership.expiresAt;
    entries.push(trail(reopened ? "GRANT" : later ? "EXTEND" : "SHORTEN", membership));
  }
  if (entries.length > 0) await tx.accessEvent.createMany({ data: entries });
  await tx.purchase.update({ where: { id: state.purchaseId }, data: { expiresAt: until } });
  // Communities added to the offering since (or the first grant) get their membership now.
  const granted = await grantPurchaseAccess(tx, { ...state, expiresAt: until, ...why });
  return { granted, changed: entries.length, revoked: 0 };
}
