import type { Tx } from "@/lib/db";
import type { Subscription } from "@/lib/generated/prisma/client";
import { revokePurchaseAccess } from "@/lib/access/revoke-purchase-access";
import type { AccessCause } from "@/lib/subscriptions/sync-subscription-access";

export type OfferingMove = { from: string; to: string };

/**
 * A subscription whose Stripe price now belongs to another of our recurring offerings (a plan
 * switch, made in the app, the billing portal or Stripe's dashboard) moves to that offering: its
 * purchase names it from now on, and the memberships of communities the new plan does not grant
 * are revoked (on the trail, with `why`). Shared communities keep their membership, and the
 * access sync that follows grants the new plan's others: one purchase, one grant per community,
 * so access never gaps and never doubles. Past orders keep the offering they paid for. An
 * unknown price (not one of ours) moves nothing.
 */
export async function moveSubscriptionOffering(
  tx: Tx,
  row: Subscription,
  stripePriceId: string | null,
  why: AccessCause,
): Promise<OfferingMove | null> {
  if (!stripePriceId || stripePriceId === row.stripePriceId) return null;
  const price = await tx.offeringPrice.findUnique({
    where: { stripePriceId },
    select: { offeringId: true, pricingType: true },
  });
  if (!price || price.offeringId === row.offeringId || price.pricingType === "ONE_TIME")
    return null;
  await tx.purchase.update({
    where: { id: row.purchaseId },
    data: { offeringId: price.offeringId },
  });
  const kept = await tx.offeringCommunity.findMany({
    where: { offeringId: price.offeringId },
    select: { communityId: true },
  });
  await revokePurchaseAccess(tx, {
    purchaseId: row.purchaseId,
    cause: `${why.cause} (plan switch)`,
    eventRecordId: why.eventRecordId,
    actorId: why.actorId,
    keepCommunityIds: kept.map(({ communityId }) => communityId),
  });
  return { from: row.offeringId, to: price.offeringId };
}
