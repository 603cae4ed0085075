import { AppError } from "@/lib/errors";
import type { Delivery } from "@/lib/payments/external/formats/delivery";
import { fromJson, looksLikeJsonDelivery } from "@/lib/payments/external/formats/json";
import { fromPayPalEvent, looksLikePayPalEvent } from "@/lib/payments/external/formats/paypal";
import {
  fromStripeEvent,
  looksLikeStripeEvent,
} from "@/lib/payments/external/formats/stripe-event";

export const UNDERSTOOD_FORMATS = [
  "our JSON: {status: succeeded|failed|refunded|canceled, purchase_id | user_id | user_email, payment_id, amount, currency}",
  "a Stripe event: checkout.session.completed, checkout.session.async_payment_succeeded|failed, charge.refunded",
  "a PayPal webhook: PAYMENT.SALE.COMPLETED|REFUNDED, PAYMENT.CAPTURE.COMPLETED|REFUNDED, BILLING.SUBSCRIPTION.CANCELLED",
];

/**
 * The (parsed, storable) body's format, told from its shape; each format validates its own
 * fields (zod → 422).
 */
export function parseDelivery(body: unknown): Delivery {
  if (body && typeof body === "object" && !Array.isArray(body)) {
    const fields = body as Record<string, unknown>;
    if (looksLikeStripeEvent(fields)) return fromStripeEvent(body);
    if (looksLikePayPalEvent(fields)) return fromPayPalEvent(body);
    if (looksLikeJsonDelivery(fields)) return fromJson(body);
  }
  throw new AppError("validation_failed", "The body is in no format this webhook understands.", {
    formats: UNDERSTOOD_FORMATS,
  });
}
