import type { EventResult } from "@/lib/events/process-event";
import { getStripe } from "@/lib/stripe/client";
import type { StripeSubscriptionSnapshot } from "@/lib/stripe/subscription-schemas";

const LIVE = new Set(["active", "trialing", "past_due"]);

/**
 * A second subscription for a purchase that already has one: two tabs on the same Payment Link
 * each paid. The buyer wanted one, so the second is canceled at Stripe and its first payment
 * refunded (idempotently: every event about it comes back here). The event is unmatched.
 */
export async function cancelDuplicateSubscription(
  snapshot: StripeSubscriptionSnapshot,
  keptPurchaseId: string,
): Promise<EventResult> {
  const details = {
    subscription: snapshot.id,
    duplicateOfPurchase: keptPurchaseId,
    status: snapshot.status,
  };
  if (!LIVE.has(snapshot.status))
    return { outcome: "UNMATCHED", error: "duplicate_subscription", details };
  const stripe = await getStripe();
  await stripe.subscriptions.cancel(snapshot.id, undefined, {
    idempotencyKey: `cancel-duplicate-${snapshot.id}`,
  });
  const invoices = await stripe.invoices.list({
    subscription: snapshot.id,
    status: "paid",
    limit: 1,
  });
  const invoice = invoices.data[0];
  const payments = invoice
    ? await stripe.invoicePayments.list({ invoice: invoice.id, limit: 1 })
    : null;
  const intent = payments?.data[0]?.payment.payment_intent;
  const intentId = typeof intent === "string" ? intent : intent?.id;
  if (intentId)
    await stripe.refunds.create(
      { payment_intent: intentId },
      { idempotencyKey: `refund-duplicate-${snapshot.id}` },
    );
  return {
    outcome: "UNMATCHED",
    error: "duplicate_subscription",
    details: { ...details, canceled: true, refunded: intentId ?? null },
  };
}
