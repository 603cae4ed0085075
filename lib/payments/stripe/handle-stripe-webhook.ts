import type Stripe from "stripe";
import { z } from "zod";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { processEvent, type EventResult } from "@/lib/payments/process-event";
import { getStripe, stripeWebhookSecrets } from "@/lib/payments/stripe/client";
import { chargeRefunded } from "@/lib/payments/stripe/events/charge-refunded";
import { checkoutSessionAsyncPaymentFailed } from "@/lib/payments/stripe/events/checkout-session-async-payment-failed";
import { checkoutSessionAsyncPaymentSucceeded } from "@/lib/payments/stripe/events/checkout-session-async-payment-succeeded";
import { checkoutSessionCompleted } from "@/lib/payments/stripe/events/checkout-session-completed";
import { checkoutSessionExpired } from "@/lib/payments/stripe/events/checkout-session-expired";
import { customerSubscriptionCreated } from "@/lib/payments/stripe/events/customer-subscription-created";
import { customerSubscriptionDeleted } from "@/lib/payments/stripe/events/customer-subscription-deleted";
import { customerSubscriptionUpdated } from "@/lib/payments/stripe/events/customer-subscription-updated";
import { invoicePaid } from "@/lib/payments/stripe/events/invoice-paid";
import { invoicePaymentFailed } from "@/lib/payments/stripe/events/invoice-payment-failed";
import { recordStripeSignatureFailure } from "@/lib/settings/record-stripe-signature-failure";

/** What every event must carry before we trust its fields; the signature alone says who sent it. */
const eventShape = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  data: z.looseObject({ object: z.record(z.string(), z.unknown()) }),
});

type EventHandler = (tx: Tx, event: Stripe.Event, eventRecordId: string) => Promise<EventResult>;

const handlers: Partial<Record<Stripe.Event["type"], EventHandler>> = {
  "checkout.session.completed": checkoutSessionCompleted,
  "checkout.session.async_payment_succeeded": checkoutSessionAsyncPaymentSucceeded,
  "checkout.session.async_payment_failed": checkoutSessionAsyncPaymentFailed,
  "checkout.session.expired": checkoutSessionExpired,
  "charge.refunded": chargeRefunded,
  "customer.subscription.created": customerSubscriptionCreated,
  "customer.subscription.updated": customerSubscriptionUpdated,
  "customer.subscription.deleted": customerSubscriptionDeleted,
  "invoice.paid": invoicePaid,
  "invoice.payment_failed": invoicePaymentFailed,
};

/** The event types to select on Stripe's webhook endpoint: every one with a handler. */
export const handledStripeEventTypes = Object.keys(handlers);

export type HandleStripeWebhookOptions = { rawBody: string; signature: string | null };

/**
 * One Stripe delivery: verify the signature over the raw body (300 s tolerance), record the
 * event by its id with its effects, and dispatch by type. Types we do not handle are recorded
 * as ignored and acknowledged, so Stripe does not retry them.
 */
export async function handleStripeWebhook({ rawBody, signature }: HandleStripeWebhookOptions) {
  const stripe = await getStripe();
  const event = await verifiedEvent(stripe, rawBody, signature ?? "");
  if (!eventShape.safeParse(event).success) {
    throw new AppError("bad_request", "The body is signed but is not a Stripe event (id, type, data.object).");
  }

  const handler = handlers[event.type];
  const result = await processEvent({
    provider: "stripe",
    eventId: event.id,
    type: event.type,
    payload: JSON.parse(rawBody) as Prisma.InputJsonValue,
    handle: (tx, record) => (handler ? handler(tx, event, record.recordId) : Promise.resolve({ outcome: "IGNORED" as const })),
  });

  if (result.outcome === "FAILED") {
    const details = { ...result.details, event_id: event.id };
    if (result.error === "amount_mismatch" || result.error === "price_mismatch") {
      throw new AppError("amount_mismatch", "The paid amount, currency or price does not match the order; nothing was granted.", details);
    }
    if (result.error === "malformed_event") {
      throw new AppError("bad_request", "The event's object is missing fields this event type needs.", details);
    }
    // Most likely the order is not committed yet: a non-2xx makes Stripe deliver again.
    throw new AppError("conflict", `The event could not be applied yet (${result.error}).`, details);
  }
  return { received: true as const, duplicate: result.duplicate, outcome: result.outcome.toLowerCase() };
}

/** The event, if its signature verifies with a secret in effect: the current one, or the one it replaced. */
async function verifiedEvent(
  stripe: Stripe,
  rawBody: string,
  signature: string,
): Promise<Stripe.Event> {
  for (const secret of await stripeWebhookSecrets()) {
    try {
      return stripe.webhooks.constructEvent(rawBody, signature, secret);
    } catch {
      // not this secret: try the next one
    }
  }
  await recordStripeSignatureFailure();
  throw new AppError(
    "invalid_signature",
    "The Stripe-Signature header does not verify for this body.",
  );
}
