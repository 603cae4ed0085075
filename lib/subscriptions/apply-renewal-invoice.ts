/**
 * The fast path of an `invoice.paid` for a renewal: recorded and applied by one statement, the
 * SQL function apply_paid_invoice (prisma/functions/), which writes what completeInvoicePayment
 * writes (one paid order, the paid-through end, access, the plan) through the same SQL rules and
 * answers copies of an event that already ended. It decides only an unreferred renewal of a known
 * subscription in the offering's currency and prices; for anything else it returns null, having
 * written nothing, and the caller takes the general path.
 */
import { queryPrepared } from "@/lib/db";
import type { FastEventResult } from "@/lib/events/apply-paid-order";
import {
  fastRenewalResult,
  type FastRenewalRow,
} from "@/lib/subscriptions/apply-subscription-update";

export type RenewalInvoiceReport = {
  eventKey: string;
  type: string;
  /** The event as received (JSON text), stored with it. */
  payload: string;
  cause: string;
  stripeSubscriptionId: string;
  invoiceId: string;
  amountPaid: number;
  currency: string;
  priceIds: string[];
  periodEnd: Date | null;
  paymentIntentId: string;
};

const APPLY_PAID_INVOICE = `SELECT * FROM apply_paid_invoice($1, $2, $3::jsonb, $4, $5, $6, $7,
  $8, $9, $10::text[], $11, $12)`;

export async function applyRenewalInvoice(
  report: RenewalInvoiceReport,
): Promise<FastEventResult | null> {
  const [row] = await queryPrepared<FastRenewalRow>("apply_paid_invoice", APPLY_PAID_INVOICE, [
    report.eventKey,
    report.type,
    report.payload,
    report.cause,
    new Date().toISOString(),
    report.stripeSubscriptionId,
    report.invoiceId,
    report.amountPaid,
    report.currency,
    report.priceIds,
    report.periodEnd?.toISOString() ?? null,
    report.paymentIntentId,
  ]);
  return row ? fastRenewalResult(row) : null;
}
