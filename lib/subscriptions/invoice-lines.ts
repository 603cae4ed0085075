/**
 * What a subscription invoice's lines say, checked and kept: which prices it may bill (the
 * offering's, or any offering's of its plan family after a switch), whether a plan switch's
 * prorations add up, which offering the order pays for, and the lines on the order.
 */
import type { Tx } from "@/lib/db";

export type InvoiceLine = {
  description: string;
  /** Signed minor units: a proration credit is negative. */
  amount: number;
  quantity: number;
  proration: boolean;
  priceId: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
};

export type KnownPrice = { amount: number; offeringId: string };

/** Stripe's invoice totals: `subtotal` (the lines), `total` (after discounts and tax). */
export type InvoiceTotals = {
  subtotal: number | null;
  total: number | null;
  /** Customer credit applied (negative) or debt added (positive). */
  startingBalance: number;
};

/**
 * The Stripe prices an invoice of this subscription may bill, by id: every price of its
 * offering, and of every offering in the same plan family and currency (a switch's invoice
 * bills the old plan's credit and the new plan; it may arrive before the switch itself).
 */
export async function billablePrices(tx: Tx, offeringId: string) {
  const offering = await tx.offering.findUniqueOrThrow({
    where: { id: offeringId },
    select: { currency: true, planFamily: true },
  });
  const prices = await tx.offeringPrice.findMany({
    where: offering.planFamily
      ? { offering: { planFamily: offering.planFamily, currency: offering.currency } }
      : { offeringId },
    select: { stripePriceId: true, amount: true, offeringId: true },
  });
  return {
    currency: offering.currency,
    prices: new Map<string, KnownPrice>(
      prices.map(({ stripePriceId, ...price }) => [stripePriceId, price]),
    ),
  };
}

/**
 * Why a plan switch's invoice (one with proration lines) does not add up, or null. Each credit
 * is at most minus the whole old price, each proration charge at most the whole new price, each
 * whole-period line exactly its price × quantity; the lines add up to the subtotal, and the
 * amount paid is the total (after any discount and tax) plus the credit balance applied, never
 * below 0 (Stripe keeps a negative total as the customer's credit). Invoices without
 * prorations are not looked at here.
 */
export function prorationProblem(
  lines: InvoiceLine[],
  amountPaid: number,
  totals: InvoiceTotals | undefined,
  prices: Map<string, KnownPrice>,
): string | null {
  if (!lines.some((line) => line.proration)) return null;
  for (const line of lines) {
    const price = line.priceId ? prices.get(line.priceId) : undefined;
    if (!price) return `unknown price on "${line.description}"`;
    const whole = price.amount * line.quantity;
    if (line.proration && Math.abs(line.amount) > whole)
      return `proration "${line.description}" exceeds its price`;
    if (!line.proration && line.amount !== whole)
      return `line "${line.description}" is not its price × quantity`;
  }
  const sum = lines.reduce((total, line) => total + line.amount, 0);
  const subtotal = totals?.subtotal ?? sum;
  if (subtotal !== sum) return `lines add up to ${sum}, the subtotal says ${subtotal}`;
  const due = Math.max(0, (totals?.total ?? sum) + (totals?.startingBalance ?? 0));
  return amountPaid === due ? null : `paid ${amountPaid}, the invoice's total is ${due}`;
}

/**
 * The offering an invoice pays for: the one whose price it bills for a whole period (or, on a
 * same-interval switch, the new plan's proration charge); `fallback` when no line says.
 */
export function invoiceOffering(
  lines: InvoiceLine[],
  prices: Map<string, KnownPrice>,
  fallback: string,
): string {
  const offeringOf = (line: InvoiceLine | undefined) =>
    line?.priceId ? prices.get(line.priceId)?.offeringId : undefined;
  return (
    offeringOf(lines.findLast((line) => !line.proration)) ??
    offeringOf(lines.findLast((line) => line.proration && line.amount > 0)) ??
    fallback
  );
}

/** The invoice's lines on its order, once (a second delivery writes nothing). */
export async function recordOrderLines(
  tx: Tx,
  orderId: string,
  currency: string,
  lines: InvoiceLine[],
) {
  if (lines.length === 0) return;
  await tx.orderLine.createMany({
    data: lines.map((line, position) => ({
      orderId,
      position,
      description: line.description.slice(0, 500),
      amount: line.amount,
      currency: currency.toLowerCase(),
      proration: line.proration,
      stripePriceId: line.priceId,
      periodStart: line.periodStart,
      periodEnd: line.periodEnd,
    })),
    skipDuplicates: true,
  });
}
