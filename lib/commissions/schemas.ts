/** The shapes commission pages, forms and exports arrive in. */
import { z } from "zod";
import { recordId, storableString } from "@/lib/http/storable-text";
import { optionalFilter } from "@/lib/http/paging";
import { keysetQuery } from "@/lib/http/keyset-paging";
import { ledgerStatuses } from "@/lib/commissions/ledger-status";

/** A calendar day, YYYY-MM-DD, read as UTC; anything else means "no bound". */
const optionalDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
  .optional()
  .catch(undefined);

/** The admin list's filters (a bad value means "no filter", not an error page). */
export const commissionFilters = z.object({
  status: z.enum(ledgerStatuses).optional().catch(undefined),
  /** Part of the referrer's (beneficiary's) email address. */
  referrer: optionalFilter(200),
  /** Created on or after this day, and on or before `to` (both inclusive, UTC). */
  from: optionalDay,
  to: optionalDay,
});
export type CommissionFilters = Partial<z.infer<typeof commissionFilters>>;

export const adminCommissionQuery = keysetQuery.extend(commissionFilters.shape);
export type AdminCommissionQuery = Pick<
  z.infer<typeof keysetQuery>,
  "after" | "before" | "pageSize"
> &
  CommissionFilters;

/** The export asks for one of two files; which one is not optional. */
export const commissionExportQuery = commissionFilters.extend({
  type: z.enum(["entries", "payouts"], { message: "type must be entries or payouts" }),
});
export type CommissionExportQuery = CommissionFilters & { type: "entries" | "payouts" };

export const markCommissionsPaidForm = z.object({
  commissionIds: z
    .array(recordId)
    .min(1, "Select at least one earned entry.")
    .max(1000, "Mark at most 1,000 entries at a time."),
  reference: storableString({ message: "Enter the payout reference." })
    .trim()
    .min(1, "Enter the payout reference.")
    .max(200, "At most 200 characters."),
});
export type MarkCommissionsPaidInput = z.infer<typeof markCommissionsPaidForm>;

export const approveCommissionForm = z.object({
  commissionId: z.string({ message: "Choose an entry." }).trim().min(1).max(100),
});

const wholeNumber = (max: number, message: string) =>
  z
    .string({ message: "Required." })
    .trim()
    .min(1, { message: "Required.", abort: true })
    .regex(/^\d+$/, message)
    .transform(Number)
    .pipe(z.number().int().max(max, message));

const rateMessage = "Enter whole basis points from 0 to 10,000.";

/** Settings → Commissions, as typed: every field required, whole numbers in range. */
export const commissionRulesForm = z.object({
  defaultRateBps: wholeNumber(10_000, rateMessage),
  level2RateBps: wholeNumber(10_000, rateMessage),
  level3RateBps: wholeNumber(10_000, rateMessage),
  holdDays: wholeNumber(365, "Enter whole days from 0 to 365."),
  refundWindowDays: wholeNumber(365, "Enter whole days from 0 to 365."),
});
