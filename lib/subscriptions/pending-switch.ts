/**
 * A downgrade waiting for the end of the paid period (at Stripe, a subscription schedule). The
 * row says which plan starts when, so billing can say it without asking Stripe; Stripe's own
 * snapshots clear it once the switch happened or its moment passed.
 */
import { db } from "@/lib/db";
import type { Subscription } from "@/lib/generated/prisma/client";

export type PendingSwitch = { offeringId: string; priceId: string; at: Date };

export function recordPendingSwitch(subscriptionId: string, pending: PendingSwitch | null) {
  return db.subscription.update({
    where: { id: subscriptionId },
    data: {
      pendingOfferingId: pending?.offeringId ?? null,
      pendingPriceId: pending?.priceId ?? null,
      pendingSwitchAt: pending?.at ?? null,
    },
  });
}

/**
 * The pending-switch fields a snapshot clears: the subscription is on the new price, or in a
 * period that starts at or after the switch's moment (it happened, or was released elsewhere).
 */
export function settledPendingSwitch(
  row: Pick<Subscription, "pendingPriceId" | "pendingSwitchAt">,
  fields: { stripePriceId: string; currentPeriodStart: Date | null },
) {
  if (!row.pendingPriceId) return {};
  const switched = fields.stripePriceId === row.pendingPriceId;
  const passed =
    row.pendingSwitchAt !== null &&
    fields.currentPeriodStart !== null &&
    fields.currentPeriodStart >= row.pendingSwitchAt;
  return switched || passed
    ? { pendingOfferingId: null, pendingPriceId: null, pendingSwitchAt: null }
    : {};
}
