/**
 * The fast path of a paid webhook. Most deliveries say one thing: this pending order was paid in
 * full. That case is recorded and applied by one statement, the SQL function `apply_paid_order`
 * (prisma/functions/apply_paid_order.sql), which also answers copies of an event that already
 * ended. It completes the purchase by the same SQL function as the general path
 * (complete_purchase, which completePurchase calls), so "paid" is decided in one place.
 *
 * It returns null for anything else (an unknown order, a referral, another amount, an event
 * that failed before…), having written nothing: the caller then takes the general path, which
 * decides every case and records it.
 */
import { queryPrepared } from "@/lib/db";
import type { EventOutcome } from "@/lib/generated/prisma/client";
import { countAccessChanges } from "@/lib/observability/metrics";
import type { EventResult } from "@/lib/events/process-event";
import { calendarPeriodsFrom } from "@/lib/calendar/add-billing-period";

export type PaidOrderReport = {
  provider: "stripe" | "external";
  eventKey: string;
  type: string;
  /** The event as received (JSON text), stored with it. */
  payload: string;
  /** Our order id, as a Stripe session carries it… */
  orderId?: string | null;
  /** …or our purchase id, as an external provider's delivery does. */
  purchaseId?: string | null;
  /** The order must be of this provider. */
  orderProvider?: "STRIPE" | "EXTERNAL";
  /** The order must be for this offering. */
  offeringId?: string | null;
  amount: number;
  currency: string;
  providerOrderId?: string | null;
  providerCaptureId?: string | null;
  cause: string;
};

export type FastEventResult = EventResult & { duplicate: boolean };

type Row = {
  outcome: Exclude<EventOutcome, "PROCESSING">;
  purchase_id: string | null;
  duplicate: boolean;
  granted: number;
};

const APPLY_PAID_ORDER =
  "SELECT * FROM apply_paid_order($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)";

export async function applyPaidOrder(report: PaidOrderReport): Promise<FastEventResult | null> {
  const { now, monthLater, yearLater } = calendarPeriodsFrom(new Date());
  const [row] = await queryPrepared<Row>("apply_paid_order", APPLY_PAID_ORDER, [
    report.provider,
    report.eventKey,
    report.type,
    report.payload,
    report.orderId ?? null,
    report.purchaseId ?? null,
    report.orderProvider ?? null,
    report.offeringId ?? null,
    report.amount,
    report.currency,
    report.providerOrderId ?? null,
    report.providerCaptureId ?? null,
    report.cause,
    // UTC, as Prisma writes timestamps (an ISO string's "Z" is ignored for a timestamp).
    now.toISOString(),
    monthLater.toISOString(),
    yearLater.toISOString(),
  ]);
  if (!row) return null;
  if (!row.duplicate) countAccessChanges("GRANT", row.granted);
  return {
    outcome: row.outcome,
    purchaseId: row.purchase_id ?? undefined,
    duplicate: row.duplicate,
  };
}
