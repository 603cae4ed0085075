import { z } from "zod";
import { recordId, storableString } from "@/lib/http/storable-text";
import { isKnownCurrency } from "@/lib/money";

const emptyToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const optionalWhole = (message: string, min: number, max: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce.number({ message }).int(message).min(min, message).max(max, message).optional(),
  );

export const discountDurations = ["ONCE", "FOREVER", "REPEATING"] as const;
export const discountKinds = ["PERCENT", "AMOUNT"] as const;

/**
 * A promotion code as an admin sets it: a code (letters, digits, - and _), percent or amount off
 * (amount in minor units, with its currency), for once / forever / N months of a subscription,
 * an optional cap on redemptions, an optional expiry, and the offerings it is limited to (none:
 * every offering).
 */
export const discountInput = z
  .object({
    code: storableString()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9_-]{3,40}$/, "3–40 letters, digits, dashes or underscores"),
    kind: z.enum(discountKinds),
    percentOff: optionalWhole("A whole percent from 1 to 100", 1, 100),
    amountOff: optionalWhole("A whole number of cents, at least 1", 1, 100_000_000),
    currency: z.preprocess(
      emptyToUndefined,
      storableString()
        .trim()
        .toLowerCase()
        .refine(isKnownCurrency, "Use a three-letter ISO currency code such as usd")
        .optional(),
    ),
    duration: z.enum(discountDurations),
    durationInMonths: optionalWhole("From 1 to 36 months", 1, 36),
    maxRedemptions: optionalWhole("A whole number, at least 1", 1, 1_000_000),
    expiresAt: z.preprocess(emptyToUndefined, z.coerce.date({ message: "Pick a date" }).optional()),
    offeringIds: z.array(recordId).max(50).default([]),
  })
  .superRefine((input, context) => {
    const issue = (path: string, message: string) =>
      context.addIssue({ code: "custom", path: [path], message });
    if (input.kind === "PERCENT" && input.percentOff === undefined)
      issue("percentOff", "Give the percent off");
    if (input.kind === "AMOUNT" && input.amountOff === undefined)
      issue("amountOff", "Give the amount off, in cents");
    if (input.kind === "AMOUNT" && input.currency === undefined)
      issue("currency", "An amount off needs its currency");
    if (input.duration === "REPEATING" && input.durationInMonths === undefined)
      issue("durationInMonths", "How many months does it repeat?");
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now())
      issue("expiresAt", "The expiry must be in the future");
  })
  .transform(({ kind, ...input }) => ({
    ...input,
    percentOff: kind === "PERCENT" ? (input.percentOff ?? null) : null,
    amountOff: kind === "AMOUNT" ? (input.amountOff ?? null) : null,
    currency: kind === "AMOUNT" ? (input.currency ?? null) : null,
    durationInMonths: input.duration === "REPEATING" ? (input.durationInMonths ?? null) : null,
    maxRedemptions: input.maxRedemptions ?? null,
    expiresAt: input.expiresAt ?? null,
  }));

export type DiscountInput = z.infer<typeof discountInput>;

export const discountActiveForm = z.object({
  discountId: recordId,
  active: z.enum(["true", "false"]).transform((value) => value === "true"),
});
