import type { Tx } from "@/lib/db";
import type { EventResult } from "@/lib/events/process-event";
import { fromUnix, stripeSubscriptionShape } from "@/lib/stripe/subscription-schemas";

export type NoteTrialEndingOptions = {
  /** The subscription the event carried. */
  subscription: unknown;
  /** The event's `created`. */
  eventCreated: Date;
};

/**
 * Stripe announces a trial's end three days ahead (`customer.subscription.trial_will_end`).
 * It changes nothing here: access, status and plan follow the subscription's own events, and
 * the charge at the trial's end is an invoice like any other. It is recorded (processed while
 * the trial is still running, so the event log says who was told; ignored when it arrives
 * after the trial ended, or for a subscription we do not know) and never fails, since
 * retrying it could not change anything.
 */
export async function noteTrialEnding(
  tx: Tx,
  { subscription, eventCreated }: NoteTrialEndingOptions,
): Promise<EventResult> {
  const parsed = stripeSubscriptionShape.safeParse(subscription);
  if (!parsed.success)
    return { outcome: "FAILED", error: "malformed_event", details: { object: "subscription" } };
  const trialEnd = fromUnix(parsed.data.trial_end);
  const row = await tx.subscription.findUnique({
    where: { stripeSubscriptionId: parsed.data.id },
    select: { id: true, purchaseId: true, status: true, lastEventAt: true },
  });
  if (!row) {
    return {
      outcome: "IGNORED",
      details: { note: "unknown_subscription", subscription: parsed.data.id },
    };
  }
  const details = { subscription: row.id, trialEnd: trialEnd?.toISOString() ?? null };
  // Newer events already moved the subscription on (the trial ended, or it was canceled).
  if (row.status !== "trialing" || eventCreated < row.lastEventAt) {
    return {
      outcome: "IGNORED",
      purchaseId: row.purchaseId,
      details: { ...details, note: "trial_already_ended", status: row.status },
    };
  }
  return {
    outcome: "PROCESSED",
    purchaseId: row.purchaseId,
    details: { ...details, note: "trial_ends_soon" },
  };
}
