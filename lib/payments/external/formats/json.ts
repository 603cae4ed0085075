import { z } from "zod";
import type { Delivery } from "@/lib/payments/external/formats/delivery";

const id = z.string().trim().min(1).max(200);
const statuses = {
  succeeded: "succeeded",
  failed: "failed",
  refunded: "refunded",
  canceled: "canceled",
  cancelled: "canceled",
} as const;

/**
 * Our own flat JSON: `status` and one way to find the purchase are required; `amount` is in
 * minor units and, with `currency`, must equal the order's (less a discount, where the offering
 * accepts them: `discount_code` names the code).
 */
export const jsonDeliveryBody = z
  .object({
    status: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(
        z.enum(Object.keys(statuses) as [keyof typeof statuses], {
          message: "status must be succeeded, failed, refunded or canceled",
        }),
      ),
    purchase_id: id.optional(),
    user_id: id.optional(),
    user_email: z.string().trim().toLowerCase().pipe(z.email()).optional(),
    payment_id: id.optional(),
    external_payment_id: id.optional(),
    amount: z
      .number()
      .int("amount must be an integer in minor units (cents)")
      .nonnegative()
      .optional(),
    currency: z
      .string()
      .regex(/^[a-zA-Z]{3}$/, "currency must be a three-letter ISO code")
      .transform((value) => value.toLowerCase())
      .optional(),
    discount_code: z.string().trim().max(40).optional(),
    test: z.boolean().optional(),
  })
  .refine((body) => body.test || body.purchase_id || body.user_id || body.user_email, {
    message: "Give at least one of purchase_id, user_id or user_email",
    path: ["purchase_id"],
  });

export function looksLikeJsonDelivery(body: Record<string, unknown>) {
  return "status" in body && !("object" in body) && !("event_type" in body);
}

export function fromJson(raw: unknown): Delivery {
  const body = jsonDeliveryBody.parse(raw);
  const status = statuses[body.status];
  return {
    format: "json",
    type: `payment.${status}`,
    status,
    purchaseRef: body.purchase_id,
    userId: body.user_id,
    userEmail: body.user_email,
    paymentId: body.external_payment_id ?? body.payment_id,
    amount: body.amount,
    currency: body.currency,
    discountCode: body.discount_code,
    test: body.test,
  };
}
