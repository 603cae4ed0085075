import { z } from "zod";
import type { Delivery } from "@/lib/payments/external/formats/delivery";

const objectId = z
  .union([z.string().min(1), z.looseObject({ id: z.string().min(1) })])
  .transform((value) => (typeof value === "string" ? value : value.id));

const session = z.looseObject({
  id: z.string().min(1),
  client_reference_id: z.string().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  customer_details: z.looseObject({ email: z.string().nullish() }).nullish(),
  customer_email: z.string().nullish(),
  amount_total: z.number().int().nullish(),
  currency: z.string().nullish(),
  payment_intent: objectId.nullish(),
  payment_status: z.string(),
});

const charge = z.looseObject({
  id: z.string().min(1),
  payment_intent: objectId.nullish(),
  refunded: z.boolean(),
  metadata: z.record(z.string(), z.string()).nullish(),
  billing_details: z.looseObject({ email: z.string().nullish() }).nullish(),
});

export const stripeEventBody = z.looseObject({
  id: z.string().min(1),
  object: z.literal("event"),
  type: z.string().min(1),
  data: z.looseObject({ object: z.record(z.string(), z.unknown()) }),
});

export function looksLikeStripeEvent(body: Record<string, unknown>) {
  return body.object === "event" && typeof body.type === "string" && typeof body.data === "object";
}

const sessionStatus: Record<string, Delivery["status"]> = {
  "checkout.session.completed": "succeeded",
  "checkout.session.async_payment_succeeded": "succeeded",
  "checkout.session.async_payment_failed": "failed",
};

/**
 * Stripe's own event body, for a Stripe webhook pointed at the offering URL: checkout sessions
 * pay (an `unpaid` one is still pending), `charge.refunded` refunds. Other types are ignored.
 */
export function fromStripeEvent(raw: unknown): Delivery {
  const event = stripeEventBody.parse(raw);
  const base = { format: "stripe" as const, type: event.type };
  if (event.type in sessionStatus) {
    const paid = session.parse(event.data.object);
    const pending = event.type === "checkout.session.completed" && paid.payment_status === "unpaid";
    return {
      ...base,
      status: pending ? "pending" : sessionStatus[event.type],
      purchaseRef: paid.client_reference_id ?? paid.metadata?.purchase_id ?? undefined,
      userEmail: (paid.customer_details?.email ?? paid.customer_email ?? undefined)?.toLowerCase(),
      paymentId: paid.payment_intent ?? paid.id,
      amount: paid.amount_total ?? undefined,
      currency: paid.currency?.toLowerCase(),
    };
  }
  if (event.type === "charge.refunded") {
    const refunded = charge.parse(event.data.object);
    if (!refunded.refunded) return { ...base, status: null };
    return {
      ...base,
      status: "refunded",
      purchaseRef: refunded.metadata?.purchase_id,
      paymentId: refunded.payment_intent ?? refunded.id,
    };
  }
  return { ...base, status: null };
}
