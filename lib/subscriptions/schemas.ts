/** The shapes subscription pages and forms arrive in. */
import { z } from "zod";
import { recordId } from "@/lib/http/storable-text";
import { adminPageQuery, optionalFilter } from "@/lib/http/paging";
import { subscriptionStatuses } from "@/lib/stripe/subscription-schemas";

export { subscriptionStatuses };

/** The admin list's filters; a bad value means "no filter", not an error page. */
export const adminSubscriptionQuery = adminPageQuery.extend({
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
