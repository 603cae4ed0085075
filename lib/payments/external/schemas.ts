import { z } from "zod";

const id = z.string().trim().min(1).max(200);

/**
 * The generic provider webhook body. `status` and one way to find the purchase are required;
 * `amount` is in minor units (cents) and, with `currency`, must equal the order's.
 */
export const offeringWebhookBody = z
  .object({
    status: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(["succeeded", "failed", "refunded"], { message: "status must be succeeded, failed or refunded" })),
    purchase_id: id.optional(),
    user_id: id.optional(),
    user_email: z.string().trim().toLowerCase().pipe(z.email()).optional(),
    payment_id: id.optional(),
    external_payment_id: id.optional(),
    amount: z.number().int("amount must be an integer in minor units (cents)").nonnegative().optional(),
    currency: z
      .string()
      .regex(/^[a-zA-Z]{3}$/, "currency must be a three-letter ISO code")
      .transform((value) => value.toLowerCase())
      .optional(),
  })
  .refine((body) => body.purchase_id || body.user_id || body.user_email, {
    message: "Give at least one of purchase_id, user_id or user_email",
    path: ["purchase_id"],
  });

export type OfferingWebhookBody = z.infer<typeof offeringWebhookBody>;
