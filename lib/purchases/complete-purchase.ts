import type { Tx } from "@/lib/db";
import { createOrderCommissions } from "@/lib/commissions/create-order-commissions";
import type { EventFailure } from "@/lib/events/event-failure";
import type { EventResult } from "@/lib/events/process-event";
import { countAccessChanges } from "@/lib/observability/metrics";
import { calendarPeriodsFrom } from "@/lib/calendar/add-billing-period";

/** What the provider says was paid; amounts in minor units. */
export type PaymentReport = {
  amount?: number;
  currency?: string;
  providerOrderId?: string;
  providerCaptureId?: string;
};

export type CompletePurchaseOptions = {
  purchaseId: string;
  orderId?: string;
  payment: PaymentReport;
  cause: string;
  eventRecordId?: string;
};

type CompletedRow = {
  outcome: "PROCESSED" | "FAILED";
  error: EventFailure | null;
  purchase_id: string | null;
  order_id: string | null;
  referred: boolean;
  granted: number;
  details: Record<string, unknown> | null;
};

/**
 * Marks the order paid and the purchase succeeded, and grants access: once per purchase, only
 * from a pending (or failed and retried) state, and only when the reported amount and currency
 * equal the order's. A refunded purchase stays refunded. The rule is the SQL function
 * complete_purchase (prisma/functions/complete_purchase.sql), which the webhooks' one-statement
 * path calls too; a referred order's commissions are written here, in the same transaction.
 */
export async function completePurchase(
  tx: Tx,
  options: CompletePurchaseOptions,
): Promise<EventResult> {
  const { payment } = options;
  const { now, monthLater, yearLater } = calendarPeriodsFrom(new Date());
  // An amount that is not a number (Stripe left it out) is sent as NaN, which matches no order.
  const amount = payment.amount === undefined ? null : String(payment.amount);
  const [row] = await tx.$queryRaw<CompletedRow[]>`
    SELECT outcome, error, purchase_id, order_id, referred, granted, details
    FROM complete_purchase(${options.purchaseId}, ${options.orderId ?? null}, ${amount}::numeric,
      ${payment.currency ?? null}, ${payment.providerOrderId ?? null}, ${payment.providerCaptureId ?? null},
      ${options.cause}, ${options.eventRecordId ?? null}, ${now}, ${monthLater}, ${yearLater}, false)`;
  // Counted as written: a transaction that rolls back afterwards has still moved the counter.
  countAccessChanges("GRANT", row.granted);
  if (row.referred && row.order_id) await createOrderCommissions(tx, row.order_id);
  const details =
    row.error === "amount_mismatch"
      ? {
          ...row.details,
          received: { amount: payment.amount ?? null, currency: payment.currency ?? null },
        }
      : row.details;
  return {
    outcome: row.outcome,
    ...(row.purchase_id ? { purchaseId: row.purchase_id } : {}),
    ...(row.error ? { error: row.error } : {}),
    ...(details ? { details } : {}),
  };
}
