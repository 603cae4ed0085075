import { db, type Tx } from "@/lib/db";
import type { EventResult } from "@/lib/events/process-event";
import { getStripe } from "@/lib/stripe/client";
import {
  stripeSubscriptionShape,
  subscriptionChanged,
  subscriptionFields,
} from "@/lib/stripe/subscription-schemas";
import { linkSubscription } from "@/lib/subscriptions/link-subscription";
import { moveSubscriptionOffering } from "@/lib/subscriptions/move-subscription-offering";
import { settledPendingSwitch } from "@/lib/subscriptions/pending-switch";
import { startSubscriptionPurchase } from "@/lib/subscriptions/start-subscription-purchase";
import { refreshUserPlan } from "@/lib/subscriptions/refresh-user-plan";
import { syncSubscriptionAccess } from "@/lib/subscriptions/sync-subscription-access";

export type SubscriptionSource = {
  cause: string;
  /** The event's `created`. Omitted for objects Stripe just returned to us (an admin's cancel). */
  eventCreated?: Date;
  eventRecordId?: string;
  actorId?: string;
  /** Stripe's current object, read after an event of `eventCreated`: it wins a tie with that second. */
  current?: boolean;
};

const ENDED = new Set(["canceled", "incomplete_expired"]);
const LIVE = new Set(["active", "trialing"]);

/**
 * Applies a Stripe subscription snapshot to our row, then access and the user's plan. State only
 * moves forward: a snapshot from an event older than the newest one applied changes nothing,
 * and an ended subscription stays ended (Stripe never revives one), so an `updated` that
 * overtakes or trails a `deleted` cannot reopen access.
 *
 * Stripe stamps events to the second, and two changes in one second (a new card saved, then the
 * open invoice paid with it) are delivered concurrently, in either order. When a snapshot
 * carries the same second as the last one applied and says something else, which is newer
 * cannot be told from the events: it is applied, and once the transaction commits Stripe's
 * current object settles it (`refreshStripeSubscription`).
 */
export async function applyStripeSubscription(
  tx: Tx,
  subscription: unknown,
  source: SubscriptionSource,
): Promise<EventResult> {
  const parsed = stripeSubscriptionShape.safeParse(subscription);
  if (!parsed.success)
    return { outcome: "FAILED", error: "malformed_event", details: { object: "subscription" } };
  const snapshot = parsed.data;
  const linked = await linkSubscription(tx, { stripeSubscriptionId: snapshot.id, snapshot });
  if ("result" in linked) return linked.result;
  const row = linked.subscription;
  const base = { purchaseId: row.purchaseId, details: { subscription: row.id } };

  if (source.eventCreated && source.eventCreated < row.lastEventAt) {
    return {
      outcome: "IGNORED",
      ...base,
      details: { ...base.details, note: "stale_event", status: snapshot.status },
    };
  }
  if (ENDED.has(row.status) && snapshot.status !== row.status) {
    return {
      outcome: "IGNORED",
      ...base,
      details: { ...base.details, note: `already_${row.status}`, status: snapshot.status },
    };
  }

  const fields = subscriptionFields(snapshot);
  const tied =
    !source.current &&
    source.eventCreated?.getTime() === row.lastEventAt.getTime() &&
    subscriptionChanged(row, fields);
  const lastEventAt =
    source.eventCreated && source.eventCreated > row.lastEventAt
      ? source.eventCreated
      : row.lastEventAt;
  // A new price of another offering of ours: a plan switch moves the subscription there.
  const moved = await moveSubscriptionOffering(tx, row, fields.stripePriceId, source);
  const updated = await tx.subscription.update({
    where: { id: row.id },
    data: {
      ...fields,
      lastEventAt,
      ...(moved ? { offeringId: moved.to } : {}),
      ...settledPendingSwitch(row, fields),
    },
  });
  if (LIVE.has(updated.status)) await startSubscriptionPurchase(tx, row.purchaseId);
  const access = await syncSubscriptionAccess(tx, updated, source);
  const plan = await refreshUserPlan(tx, row.userId);
  const details = {
    ...base.details,
    status: updated.status,
    ...access,
    plan: plan.plan,
    ...(moved ? { switchedFrom: moved.from, switchedTo: moved.to } : {}),
  };
  if (!tied) return { outcome: "PROCESSED", ...base, details };
  return {
    outcome: "PROCESSED",
    ...base,
    details: { ...details, note: "same_second_as_last_event" },
    afterCommit: () =>
      refreshStripeSubscription(snapshot.id, lastEventAt, `${source.cause} (same second)`),
  };
}

/**
 * Applies Stripe's current object for a subscription as of `asOf`, the second of the event that
 * asked for it. Read outside any transaction; a strictly newer event applied meanwhile wins.
 */
export async function refreshStripeSubscription(
  stripeSubscriptionId: string,
  asOf: Date,
  cause: string,
) {
  const current = await (await getStripe()).subscriptions.retrieve(stripeSubscriptionId);
  return db.$transaction((tx) =>
    applyStripeSubscription(tx, current, { cause, eventCreated: asOf, current: true }),
  );
}
