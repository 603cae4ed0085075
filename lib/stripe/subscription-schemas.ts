/**
 * The parts of Stripe's Subscription and Invoice objects (API 2026-10-28.endive) that the
 * subscription handlers rely on, checked before use: a signed event is Stripe's, but its shape
 * is still input. Periods live on the subscription's items; an invoice names its subscription
 * under `parent.subscription_details`, and each line's price under `pricing.price_details`.
 */
import { z } from "zod";
import type { SubscriptionStatus } from "@/lib/generated/prisma/client";

const unix = z.number().int().nonnegative();
const objectId = z
  .union([z.string().min(1), z.looseObject({ id: z.string().min(1) })])
  .transform((value) => (typeof value === "string" ? value : value.id));
const metadata = z
  .record(z.string(), z.string())
  .nullish()
  .transform((value) => value ?? {});

export const subscriptionStatuses = [
  "incomplete",
  "incomplete_expired",
  "trialing",
  "active",
  "past_due",
  "canceled",
  "unpaid",
  "paused",
] as const satisfies readonly SubscriptionStatus[];

export const stripeSubscriptionShape = z.looseObject({
  id: z.string().min(1),
  customer: objectId,
  status: z.enum(subscriptionStatuses),
  cancel_at_period_end: z.boolean(),
  canceled_at: unix.nullish(),
  ended_at: unix.nullish(),
  trial_start: unix.nullish(),
  trial_end: unix.nullish(),
  metadata,
  items: z.looseObject({
    data: z
      .array(
        z.looseObject({
          current_period_start: unix,
          current_period_end: unix,
          price: z.looseObject({ id: z.string().min(1) }),
        }),
      )
      .min(1),
  }),
});

export type StripeSubscriptionSnapshot = z.infer<typeof stripeSubscriptionShape>;

export const stripeInvoiceShape = z.looseObject({
  id: z.string().min(1),
  customer: objectId.nullish(),
  currency: z.string().min(3),
  amount_due: z.number().int(),
  amount_paid: z.number().int(),
  attempt_count: z.number().int().nonnegative().default(0),
  billing_reason: z.string().nullish(),
  parent: z
    .looseObject({
      subscription_details: z.looseObject({ subscription: objectId, metadata }).nullish(),
    })
    .nullish(),
  lines: z.looseObject({
    data: z.array(
      z.looseObject({
        amount: z.number().int().default(0),
        currency: z.string().min(3).optional(),
        description: z.string().nullish(),
        quantity: z.number().int().nullish(),
        period: z.looseObject({ start: unix, end: unix }),
        pricing: z
          .looseObject({ price_details: z.looseObject({ price: objectId }).nullish() })
          .nullish(),
        parent: z
          .looseObject({
            subscription_item_details: z.looseObject({ proration: z.boolean() }).nullish(),
            invoice_item_details: z.looseObject({ proration: z.boolean() }).nullish(),
          })
          .nullish(),
      }),
    ),
  }),
  starting_balance: z.number().int().nullish(),
  subtotal: z.number().int().nullish(),
  total: z.number().int().nullish(),
  // Promotion codes: ids, or the Discount objects when expanded (`expand[]=discounts`).
  discounts: z
    .array(
      z.union([
        z.string(),
        z.looseObject({
          promotion_code: objectId.nullish(),
          source: z.looseObject({ coupon: objectId.nullish() }).nullish(),
        }),
      ]),
    )
    .nullish(),
  total_discount_amounts: z
    .array(z.looseObject({ amount: z.number().int().nonnegative() }))
    .nullish(),
  // Only there when expanded (`expand[]=payments`); the handler asks Stripe otherwise.
  payments: z
    .looseObject({
      data: z.array(
        z.looseObject({ payment: z.looseObject({ payment_intent: objectId.nullish() }) }),
      ),
    })
    .nullish(),
});

export type StripeInvoiceSnapshot = z.infer<typeof stripeInvoiceShape>;

export const fromUnix = (seconds: number | null | undefined) =>
  seconds === null || seconds === undefined ? null : new Date(seconds * 1000);

/** The fields of our Subscription row that a Stripe snapshot decides. */
export function subscriptionFields(snapshot: StripeSubscriptionSnapshot) {
  const [item] = snapshot.items.data;
  return {
    stripeCustomerId: snapshot.customer,
    stripePriceId: item.price.id,
    status: snapshot.status,
    currentPeriodStart: fromUnix(item.current_period_start),
    currentPeriodEnd: fromUnix(item.current_period_end),
    cancelAtPeriodEnd: snapshot.cancel_at_period_end,
    canceledAt: fromUnix(snapshot.canceled_at),
    endedAt: fromUnix(snapshot.ended_at),
    trialStart: fromUnix(snapshot.trial_start),
    trialEnd: fromUnix(snapshot.trial_end),
  };
}

type SubscriptionFields = ReturnType<typeof subscriptionFields>;
const time = (value: Date | null) => value?.getTime() ?? null;

/** Whether a snapshot says something other than our row about what events change: status, cancellation, period, end. */
export function subscriptionChanged(
  row: Pick<SubscriptionFields, "status" | "cancelAtPeriodEnd" | "currentPeriodEnd" | "endedAt">,
  fields: SubscriptionFields,
) {
  return (
    row.status !== fields.status ||
    row.cancelAtPeriodEnd !== fields.cancelAtPeriodEnd ||
    time(row.currentPeriodEnd) !== time(fields.currentPeriodEnd) ||
    time(row.endedAt) !== time(fields.endedAt)
  );
}

/** What an invoice says about the subscription it bills. */
export function invoiceFacts(invoice: StripeInvoiceSnapshot) {
  const periodEnds = invoice.lines.data.map((line) => line.period.end);
  return {
    subscriptionId: invoice.parent?.subscription_details?.subscription ?? null,
    metadata: invoice.parent?.subscription_details?.metadata ?? {},
    priceIds: invoice.lines.data.flatMap((line) => line.pricing?.price_details?.price ?? []),
    periodEnd: fromUnix(periodEnds.length > 0 ? Math.max(...periodEnds) : null),
    lines: invoice.lines.data.map((line) => ({
      description: line.description ?? "",
      amount: line.amount,
      quantity: line.quantity ?? 1,
      proration: Boolean(
        line.parent?.subscription_item_details?.proration ??
        line.parent?.invoice_item_details?.proration,
      ),
      priceId: line.pricing?.price_details?.price ?? null,
      periodStart: fromUnix(line.period.start),
      periodEnd: fromUnix(line.period.end),
    })),
    paymentIntentId:
      invoice.payments?.data.find((entry) => entry.payment.payment_intent)?.payment
        .payment_intent ?? null,
    discount: invoiceDiscount(invoice),
  };
}

/** What promotion codes took off the invoice; the code's ids only when the discount is expanded. */
function invoiceDiscount(invoice: StripeInvoiceSnapshot) {
  const amount = (invoice.total_discount_amounts ?? []).reduce(
    (sum, entry) => sum + entry.amount,
    0,
  );
  if (amount === 0) return null;
  const expanded = invoice.discounts?.find((entry) => typeof entry !== "string");
  return {
    amount,
    promotionCodeId: expanded?.promotion_code ?? null,
    couponId: expanded?.source?.coupon ?? null,
  };
}
