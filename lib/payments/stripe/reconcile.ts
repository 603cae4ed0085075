/**
 * Reconciliation with Stripe: reads what Stripe holds since a date (completed Checkout Sessions,
 * subscriptions, paid invoices, refunds), and applies whatever our database missed (an event
 * dropped, a webhook endpoint down for longer than Stripe retries) through the same fulfilment
 * code as the webhooks. Each object that is behind is applied in its own transaction and
 * recorded as a ProcessedEvent (provider `stripe-reconcile`, id `reconcile:<object>:<state>`),
 * so a state is applied once however many runs, instances and webhooks race; objects already in
 * step are only read. Safe to run at any time, any number of times.
 */
import type Stripe from "stripe";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { processEvent } from "@/lib/events/process-event";
import { getStripe, isStripeMissing } from "@/lib/stripe/client";
import {
  RECONCILE_PROVIDER,
  isBehind,
  reconcileKinds,
  reconcileToProcess,
  type ReconcileKind,
  type ReconcileObjects,
} from "@/lib/payments/stripe/reconcile-objects";

export type ReconcileOptions = { since: Date };

/** One object the run applied (or tried to). */
export type ReconcileChange = {
  kind: ReconcileKind;
  stripeId: string;
  eventRecordId: string;
  outcome: string;
  error: string | null;
  purchaseId: string | null;
};

export type ReconcileReport = {
  since: string;
  /** Objects read from Stripe, by kind. */
  checked: Record<ReconcileKind, number>;
  /** What our database had missed and now has. */
  fixed: ReconcileChange[];
  /** Behind, but not applied (no matching order, an amount mismatch…): see the event page. */
  notApplied: ReconcileChange[];
  /** Behind at first sight, but applied meanwhile by a webhook or an earlier run. */
  alreadyApplied: number;
};

const LIVE_STATUSES = ["active", "trialing", "past_due"] as const;

export async function reconcileWithStripe({ since }: ReconcileOptions): Promise<ReconcileReport> {
  const stripe = await getStripe();
  const created = { gte: Math.floor(since.getTime() / 1000) };
  const report: ReconcileReport = {
    since: since.toISOString(),
    checked: { checkout_session: 0, subscription: 0, invoice: 0, refund: 0 },
    fixed: [],
    notApplied: [],
    alreadyApplied: 0,
  };
  // In the order Stripe's events would have come: a session makes the subscription row the
  // invoices and refunds then find.
  await reconcileKind(
    report,
    "checkout_session",
    stripe.checkout.sessions.list({ created, status: "complete", limit: 100 }),
  );
  const seen = new Set<string>();
  await reconcileKind(
    report,
    "subscription",
    stripe.subscriptions.list({ created, status: "all", limit: 100 }),
    seen,
  );
  await reconcileKind(report, "subscription", overdueSubscriptions(stripe, seen));
  await reconcileKind(
    report,
    "invoice",
    stripe.invoices.list({ created, status: "paid", limit: 100 }),
  );
  await reconcileKind(
    report,
    "refund",
    stripe.refunds.list({ created, limit: 100, expand: ["data.charge"] }),
  );
  return report;
}

async function reconcileKind<K extends ReconcileKind>(
  report: ReconcileReport,
  kind: K,
  objects: AsyncIterable<ReconcileObjects[K]>,
  seen?: Set<string>,
) {
  for await (const object of objects) {
    seen?.add(object.id);
    report.checked[kind] += 1;
    if (!(await isBehind(kind, object))) continue;
    const summary = await processEvent(reconcileToProcess(kind, object));
    const note = typeof summary.details?.note === "string" ? summary.details.note : "";
    const change: ReconcileChange = {
      kind,
      stripeId: object.id,
      eventRecordId: summary.eventRecordId,
      outcome: summary.outcome.toLowerCase(),
      error: summary.error ?? null,
      purchaseId: summary.purchaseId ?? null,
    };
    if (summary.duplicate || summary.outcome === "IGNORED" || note.startsWith("already_"))
      report.alreadyApplied += 1;
    else if (summary.outcome === "PROCESSED") report.fixed.push(change);
    else report.notApplied.push(change);
  }
}

/**
 * Subscriptions created before the window still renew and end. Ours that look live but whose
 * period is over have missed an event (a renewal or the end): Stripe is asked about each.
 */
async function* overdueSubscriptions(
  stripe: Stripe,
  seen: Set<string>,
): AsyncGenerator<Stripe.Subscription> {
  const rows = await db.subscription.findMany({
    where: { status: { in: [...LIVE_STATUSES] }, currentPeriodEnd: { lt: new Date() } },
    select: { stripeSubscriptionId: true },
    orderBy: { currentPeriodEnd: "asc" },
    take: 1000,
  });
  for (const { stripeSubscriptionId } of rows) {
    if (seen.has(stripeSubscriptionId)) continue;
    try {
      yield await stripe.subscriptions.retrieve(stripeSubscriptionId);
    } catch (error) {
      if (!isStripeMissing(error)) throw error;
    }
  }
}

export type ReconcileAsAdminOptions = ReconcileOptions & { adminId: string };

/** The admin panel's button: the same run, on the audit log with what it fixed. */
export async function reconcileAsAdmin({
  since,
  adminId,
}: ReconcileAsAdminOptions): Promise<ReconcileReport> {
  const report = await reconcileWithStripe({ since });
  await recordAudit(db, {
    actorId: adminId,
    action: "stripe.reconcile",
    details: {
      since: report.since,
      fixed: report.fixed.map((change) => change.stripeId),
      notApplied: report.notApplied.map((change) => change.stripeId),
    },
  });
  return report;
}

/** The records reconciliation runs left (manual or scheduled), newest first: what they fixed. */
export function listReconcileRecords({ take = 50 }: { take?: number } = {}) {
  return db.processedEvent.findMany({
    where: { provider: RECONCILE_PROVIDER },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      type: true,
      providerEventId: true,
      outcome: true,
      error: true,
      purchaseId: true,
      receivedAt: true,
    },
  });
}

export type ReconcileRecord = Awaited<ReturnType<typeof listReconcileRecords>>[number];

/** "Checked …; fixed 3: …", for a log line, the CLI and the admin panel. */
export function summarizeReconcile(report: ReconcileReport): string {
  const checked = reconcileKinds
    .map((kind) => `${report.checked[kind]} ${kind.replace("_", " ")}s`)
    .join(", ");
  const fixed = report.fixed.map((change) => `${change.kind} ${change.stripeId}`).join(", ");
  return [
    `Checked ${checked} since ${report.since.slice(0, 10)}.`,
    report.fixed.length === 0 ? "Nothing to fix." : `Fixed ${report.fixed.length}: ${fixed}.`,
    report.notApplied.length > 0
      ? `${report.notApplied.length} could not be applied (see the events page).`
      : "",
  ]
    .filter(Boolean)
    .join(" ");
}
