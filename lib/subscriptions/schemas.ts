/** The shapes subscription pages and forms arrive in. */
import { z } from "zod";
import { recordId } from "@/lib/http/storable-text";
import { optionalFilter } from "@/lib/http/paging";
import { keysetQuery } from "@/lib/http/keyset-paging";
import { subscriptionStatuses } from "@/lib/stripe/subscription-schemas";

export { subscriptionStatuses };

/** The admin list's filters; a bad value means "no filter", not an error page. */
export const adminSubscriptionQuery = keysetQuery.extend({
  status: z.enum(subscriptionStatuses).optional().catch(undefined),
  email: optionalFilter(200),
  offeringId: optionalFilter(100),
});

export type AdminSubscriptionQuery = z.infer<typeof adminSubscriptionQuery>;

/** The billing page's invoice history is paged by ?invoicePage=, apart from purchases' ?page=. */
export const invoicePageQuery = z.object({
  invoicePage: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export const cancelWhen = ["now", "period_end"] as const;

export const cancelSubscriptionForm = z.object({
  subscriptionId: recordId,
  when: z.enum(cancelWhen),
  confirm: z.literal("on", { message: "Tick “I understand” to confirm." }),
});

/** Stripe's refund reasons; the admin's free-text note goes on the audit log only. */
export const refundReasons = ["requested_by_customer", "duplicate", "fraudulent"] as const;
export type RefundReason = (typeof refundReasons)[number];

export const refundInvoiceForm = z.object({
  subscriptionId: recordId,
  orderId: recordId,
  amount: z.coerce
    .number({ message: "Enter an amount in minor units (cents)." })
    .int("Whole minor units (cents) only.")
    .min(1, "At least 1."),
  reason: z.enum(refundReasons),
  note: z.string().trim().max(500).default(""),
  alsoCancel: z
    .literal("on")
    .optional()
    .transform((value) => value === "on"),
  requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
});

/** The plan-switch page's query: whose subscription, and which plan of its family. */
export const planSwitchQuery = z.object({ subscription: recordId, to: recordId });

/** The confirmation of a previewed switch: its proration date keeps the charge the one shown. */
export const switchPlanForm = z.object({
  subscriptionId: recordId,
  offeringId: recordId,
  prorationDate: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.coerce.number().int().positive().optional(),
  ),
  requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
});

/** "Keep my plan": drops a pending downgrade. */
export const keepPlanForm = z.object({ subscriptionId: recordId });
