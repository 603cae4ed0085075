import Stripe from "stripe";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { eventFailureToAppError } from "@/lib/events/event-failure";
import { checkoutAccess } from "@/lib/access/checkout-access";
import type { CheckoutSessionLike } from "@/lib/stripe/checkout-session";
import { getStripe } from "@/lib/stripe/client";
import { ensureStripeCustomer } from "@/lib/payments/stripe/ensure-stripe-customer";
import { applyCheckoutSession } from "@/lib/payments/stripe/events/apply-checkout-session";
import { openPendingPurchase } from "@/lib/purchases/open-pending-purchase";
import { ensureStripePrice } from "@/lib/offerings/ensure-stripe-price";
import { offeredTrial } from "@/lib/subscriptions/offered-trial";
import { countCheckoutStarted } from "@/lib/observability/metrics";

const REUSE_WINDOW_MS = 5 * 60 * 1000;

export type StartEmbeddedCheckoutOptions = {
  userId: string;
  offeringId: string;
  referralCode?: string | null;
};

export type StartEmbeddedCheckoutResult =
  | { success: false; hasAccess: true }
  | {
      success: true;
      purchaseId: string;
      orderId: string;
      sessionId: string;
      clientSecret: string;
      stripeCustomerId: string;
    };

/**
 * Embedded Checkout: a pending purchase and order (amount from the offering), then a Checkout
 * Session for exactly that order: `payment` mode for one-time offerings, `subscription` mode on
 * the offering's Stripe price for monthly and yearly ones (with the offering's free trial,
 * `trial_period_days`, if this user has not had one: offered-trial.ts). A pending purchase under five minutes
 * old whose session is still open is handed back instead of opening another. No database
 * transaction is held while Stripe answers.
 */
export async function startEmbeddedCheckout({
  userId,
  offeringId,
  referralCode,
}: StartEmbeddedCheckoutOptions): Promise<StartEmbeddedCheckoutResult> {
  const offering = await db.offering.findFirst({
    where: { id: offeringId, archivedAt: null },
    select: {
      id: true,
      name: true,
      priceAmount: true,
      currency: true,
      pricingType: true,
      channel: true,
      trialDays: true,
      stripeProductId: true,
    },
  });
  if (!offering) throw new AppError("not_found", "This offering is not available.");
  if (offering.channel !== "STRIPE_EMBEDDED")
    throw new AppError("conflict", "This offering is not paid through embedded checkout.");
  if ((await checkoutAccess(userId, offering)).hasAccess)
    return { success: false, hasAccess: true };
  const recurring = offering.pricingType !== "ONE_TIME";
  const price = recurring ? await ensureStripePrice(offering.id) : null;

  const stripe = await getStripe();
  const stripeCustomerId = await ensureStripeCustomer(userId);
  // A short transaction: concurrent clicks share one pending purchase and order (its advisory
  // lock), and no transaction stays open while Stripe answers.
  const pending = await db.$transaction((tx) =>
    openPendingPurchase(tx, { userId, offering, provider: "STRIPE", referralCode }),
  );
  const ids = { purchaseId: pending.purchaseId, orderId: pending.orderId, stripeCustomerId };
  // A session at the old price must not stay payable beside the new one; if it was paid
  // already, that payment is the purchase (and no second session opens).
  if (!pending.reused && pending.retiredProviderOrderId) {
    const retired = await stripe.checkout.sessions.retrieve(pending.retiredProviderOrderId);
    if (retired.status === "open") await expireSession(retired.id);
    if (retired.status === "complete") return settleCompletedSession(retired);
  }
  let replaced: string | null = null;
  if (pending.providerOrderId) {
    const previous = await stripe.checkout.sessions.retrieve(pending.providerOrderId);
    const fresh = Date.now() - pending.createdAt.getTime() < REUSE_WINDOW_MS;
    if (fresh && previous.status === "open" && previous.client_secret) {
      return {
        success: true as const,
        ...ids,
        sessionId: previous.id,
        clientSecret: previous.client_secret,
      };
    }
    if (previous.status === "complete") return settleCompletedSession(previous);
    if (previous.status === "open") await expireSession(previous.id);
    replaced = previous.id;
  }

  // Decided after any completed session was settled above, so a trial already taken is seen.
  const trial = price ? await offeredTrial(userId, offering) : null;
  const metadata = {
    purchaseId: pending.purchaseId,
    orderId: pending.orderId,
    offeringId: offering.id,
    userId,
  };
  const common = {
    ui_mode: "embedded_page" as const,
    customer: stripeCustomerId,
    client_reference_id: pending.orderId,
    metadata,
    // Promotion codes from Admin → Discounts; the webhook checks what they took off.
    allow_promotion_codes: true,
    return_url: `${appUrl()}/offerings/${offering.id}/checkout/return?session_id={CHECKOUT_SESSION_ID}`,
  };
  // Concurrent clicks arrive here with the same order and the same replaced session: the
  // idempotency key makes Stripe answer all of them with one session.
  const session = await stripe.checkout.sessions.create(
    price
      ? {
          ...common,
          mode: "subscription",
          line_items: [{ price, quantity: 1 }],
          subscription_data: { metadata, ...(trial ? { trial_period_days: trial.days } : {}) },
        }
      : {
          ...common,
          mode: "payment",
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: offering.currency,
                unit_amount: offering.priceAmount,
                // The offering's Product when it has one, so a code limited to it applies.
                ...(offering.stripeProductId
                  ? { product: offering.stripeProductId }
                  : { product_data: { name: offering.name } }),
              },
            },
          ],
          payment_intent_data: { metadata },
        },
    { idempotencyKey: `checkout-${pending.orderId}-after-${replaced ?? "none"}` },
  );
  if (!session.client_secret)
    throw new Error(`Checkout Session ${session.id} came without a client secret`);
  const linked = await db.order.updateMany({
    where: { id: pending.orderId, OR: [{ providerOrderId: null }, { providerOrderId: replaced }] },
    data: { providerOrderId: session.id },
  });
  // Concurrent clicks share the session; only the one that linked it counts it as started.
  if (linked.count > 0) countCheckoutStarted(offering.channel);
  return {
    success: true as const,
    ...ids,
    sessionId: session.id,
    clientSecret: session.client_secret,
  };
}

/** Expires an open session; one a concurrent click already expired is fine. */
async function expireSession(sessionId: string) {
  const stripe = await getStripe();
  await stripe.checkout.sessions.expire(sessionId).catch((error: unknown) => {
    if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
  });
}

/**
 * The order's session is already paid (or paying) at Stripe, though no webhook has told us yet:
 * never open a second one to pay twice. Paid → fulfil now; a delayed method → wait for it.
 */
async function settleCompletedSession(session: CheckoutSessionLike) {
  if (session.payment_status === "unpaid") {
    throw new AppError(
      "conflict",
      "Your payment is still being processed; access follows as soon as it settles.",
    );
  }
  const result = await db.$transaction((tx) =>
    applyCheckoutSession(tx, session, { cause: `checkout restart ${session.id}` }),
  );
  if (result.outcome === "FAILED") throw eventFailureToAppError(result.error, result.details);
  return { success: false as const, hasAccess: true as const };
}
