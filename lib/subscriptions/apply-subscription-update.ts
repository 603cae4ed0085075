/**
 * The fast path of a `customer.subscription.updated`: recorded and applied by one statement, the
 * SQL function apply_subscription_update (prisma/functions/), which writes what
 * applyStripeSubscription writes through the same SQL rules (sync_subscription_access,
 * refresh_user_plan) and answers copies of an event that already ended. It decides only an event
 * newer than the last one applied to a known, live subscription with the same price; for anything
 * else it returns null, having written nothing, and the caller takes the general path.
 */
import { queryPrepared } from "@/lib/db";
import type { FastEventResult } from "@/lib/events/apply-paid-order";
import {
  subscriptionFields,
  type StripeSubscriptionSnapshot,
} from "@/lib/stripe/subscription-schemas";
import { countAccessChangesOf, type AccessChanges } from "@/lib/access/set-purchase-access-end";

export type SubscriptionUpdateReport = {
  eventKey: string;
  type: string;
  /** The event as received (JSON text), stored with it. */
  payload: string;
  eventCreated: Date;
  cause: string;
  snapshot: StripeSubscriptionSnapshot;
};

export type FastRenewalRow = AccessChanges & {
  outcome: FastEventResult["outcome"];
  purchase_id: string | null;
  duplicate: boolean;
};

const APPLY_SUBSCRIPTION_UPDATE = `SELECT * FROM apply_subscription_update($1, $2, $3::jsonb, $4,
  $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`;

// UTC, as Prisma writes timestamps (an ISO string's "Z" is ignored for a timestamp).
const utc = (date: Date | null) => date?.toISOString() ?? null;

export async function applySubscriptionUpdate(
  report: SubscriptionUpdateReport,
): Promise<FastEventResult | null> {
  const fields = subscriptionFields(report.snapshot);
  const [row] = await queryPrepared<FastRenewalRow>(
    "apply_subscription_update",
    APPLY_SUBSCRIPTION_UPDATE,
    [
      report.eventKey,
      report.type,
      report.payload,
      utc(report.eventCreated),
      report.cause,
      utc(new Date()),
      report.snapshot.id,
      fields.stripeCustomerId,
      fields.stripePriceId,
      fields.status,
      utc(fields.currentPeriodStart),
      utc(fields.currentPeriodEnd),
      fields.cancelAtPeriodEnd,
      utc(fields.canceledAt),
      utc(fields.endedAt),
      utc(fields.trialStart),
      utc(fields.trialEnd),
    ],
  );
  return row ? fastRenewalResult(row) : null;
}

/** The answer of a renewal fast path's row, its access changes counted unless it was a copy. */
export function fastRenewalResult(row: FastRenewalRow): FastEventResult {
  if (!row.duplicate) countAccessChangesOf(row);
  return {
    outcome: row.outcome,
    purchaseId: row.purchase_id ?? undefined,
    duplicate: row.duplicate,
  };
}
