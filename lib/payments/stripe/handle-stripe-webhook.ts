import type Stripe from "stripe";
import { z } from "zod";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { storableJsonText } from "@/lib/http/read-body";
import { toStorableJson } from "@/lib/http/storable-text";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { WebhookFacts } from "@/lib/observability/webhook-delivery";
import { eventFailureToAppError } from "@/lib/events/event-failure";
import { applyOrFindCommitted } from "@/lib/events/find-committed-event";
import {
  processEvent,
  type EventResult,
  type ProcessEventOptions,
} from "@/lib/events/process-event";
import { applyPaidCheckout } from "@/lib/payments/stripe/apply-paid-checkout";
import { applyRenewal } from "@/lib/payments/stripe/apply-renewal";
import { getStripe, stripeWebhookSecrets } from "@/lib/stripe/client";
import type { HandledStripeEventType } from "@/lib/stripe/event-types";
import { chargeRefunded } from "@/lib/payments/stripe/events/charge-refunded";
import { chargeSucceeded } from "@/lib/payments/stripe/events/charge-succeeded";
import { checkoutSessionAsyncPaymentFailed } from "@/lib/payments/stripe/events/checkout-session-async-payment-failed";
import { checkoutSessionAsyncPaymentSucceeded } from "@/lib/payments/stripe/events/checkout-session-async-payment-succeeded";
import { checkoutSessionCompleted } from "@/lib/payments/stripe/events/checkout-session-completed";
import { checkoutSessionExpired } from "@/lib/payments/stripe/events/checkout-session-expired";
import { customerSubscriptionCreated } from "@/lib/payments/stripe/events/customer-subscription-created";
import { customerSubscriptionDeleted } from "@/lib/payments/stripe/events/customer-subscription-deleted";
import { customerSubscriptionTrialWillEnd } from "@/lib/payments/stripe/events/customer-subscription-trial-will-end";
import { customerSubscriptionUpdated } from "@/lib/payments/stripe/events/customer-subscription-updated";
import { invoicePaid } from "@/lib/payments/stripe/events/invoice-paid";
import { invoicePaymentFailed } from "@/lib/payments/stripe/events/invoice-payment-failed";
import { recordStripeSignatureFailure } from "@/lib/settings/record-stripe-signature-failure";

export const STRIPE_EVENT_MAX_BYTES = 512 * 1024;

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
  "charge.succeeded": chargeSucceeded,
  "customer.subscription.created": customerSubscriptionCreated,
  "customer.subscription.updated": customerSubscriptionUpdated,
  "customer.subscription.deleted": customerSubscriptionDeleted,
  "customer.subscription.trial_will_end": customerSubscriptionTrialWillEnd,
  "invoice.paid": invoicePaid,
  "invoice.payment_failed": invoicePaymentFailed,
} satisfies Record<HandledStripeEventType, EventHandler>;

export type HandleStripeWebhookOptions = {
  rawBody: string;
  signature: string | null;
  /** Filled in for the delivery's log line as the event is read and applied. */
  facts?: WebhookFacts;
};

/**
 * One Stripe delivery: verify the signature over the raw body (300 s tolerance), record the
 * event by its id with its effects, and dispatch by type. Types we do not handle are recorded
 * as ignored and acknowledged, so Stripe does not retry them.
 */
export async function handleStripeWebhook({
  rawBody,
  signature,
  facts = {},
}: HandleStripeWebhookOptions) {
  const stripe = await getStripe();
  // Verified over the raw bytes; then NUL and lone surrogates become U+FFFD, so the event is
  // stored and applied rather than refused by the database on every retry.
  const event = toStorableJson(await verifiedEvent(stripe, rawBody, signature ?? ""));
  if (!eventShape.safeParse(event).success) {
    throw new AppError(
      "bad_request",
      "The body is signed but is not a Stripe event (id, type, data.object).",
    );
  }
  Object.assign(facts, eventFacts(event));

  // A paid order and a renewal, the common cases, are one statement each; everything else takes
  // the general path. A connection lost after the commit still answers 200 when the event turns
  // out stored.
  const payload = storableJsonText(rawBody);
  const result = await applyOrFindCommitted(
    "stripe",
    event.id,
    async () =>
      (await applyPaidCheckout(event, payload)) ??
      (await applyRenewal(event, payload)) ??
      (await processEvent(
        stripeEventToProcess(event, toStorableJson(event) as unknown as Prisma.InputJsonValue),
      )),
  );

  facts.purchaseId = result.purchaseId ?? facts.purchaseId;
  facts.duplicate = result.duplicate;
  // Refused (non-2xx): Stripe delivers it again; the status says why (lib/events/event-failure.ts).
  if (result.outcome === "FAILED")
    throw eventFailureToAppError(result.error, { ...result.details, event_id: event.id });
  return {
    received: true as const,
    duplicate: result.duplicate,
    outcome: result.outcome.toLowerCase(),
  };
}

/**
 * What processEvent needs to record and apply one Stripe event: dispatch by type, types without a
 * handler ignored. Shared by deliveries and an admin's replay of a stored event.
 */
export function stripeEventToProcess(
  event: Stripe.Event,
  payload: Prisma.InputJsonValue,
): ProcessEventOptions {
  const handler = handlers[event.type];
  return {
    provider: "stripe",
    eventId: event.id,
    type: event.type,
    payload,
    handle: (tx, record) =>
      handler
        ? handler(tx, event, record.recordId)
        : Promise.resolve({ outcome: "IGNORED" as const }),
  };
}

/**
 * A stored Stripe event, for a replay. No signature is checked here: the signature was verified
 * when the event arrived, before it was stored, and only what was stored is replayed. Its shape
 * is still checked, as for a delivery.
 */
export function storedStripeEventToProcess(payload: unknown): ProcessEventOptions {
  if (!eventShape.safeParse(payload).success) {
    throw new AppError(
      "conflict",
      "The stored payload is not a Stripe event (id, type, data.object); it cannot be replayed.",
    );
  }
  return stripeEventToProcess(payload as Stripe.Event, payload as Prisma.InputJsonValue);
}

/** Who and what a verified event is about, read from the event alone (no query). */
function eventFacts(event: Stripe.Event): WebhookFacts {
  const object = event.data.object as { customer?: unknown; metadata?: unknown };
  const metadata = (object.metadata ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" ? value : null);
  const customer = object.customer as string | { id?: unknown } | null | undefined;
  return {
    eventId: event.id,
    eventType: event.type,
    customerId: typeof customer === "object" ? text(customer?.id) : text(customer),
    userId: text(metadata.userId),
    purchaseId: text(metadata.purchaseId),
  };
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
