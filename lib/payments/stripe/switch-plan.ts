import Stripe from "stripe";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { ensureStripePrice } from "@/lib/offerings/ensure-stripe-price";
import { applyPaidInvoice } from "@/lib/payments/stripe/events/invoice-paid";
import { getStripe } from "@/lib/stripe/client";
import { applyStripeSubscription } from "@/lib/subscriptions/apply-stripe-subscription";
import { loadPlanSwitch } from "@/lib/subscriptions/plan-switch-options";
import { recordPendingSwitch } from "@/lib/subscriptions/pending-switch";
import { releasePlanSwitch, schedulePlanSwitch } from "@/lib/payments/stripe/schedule-plan-switch";

export type SwitchPlanOptions = {
  userId: string;
  subscriptionId: string;
  offeringId: string;
  /** The proration date of the preview the user confirmed (upgrades). */
  prorationDate: number | null;
  /** One per confirmation shown: a double submit makes one change at Stripe. */
  requestId: string;
};

/**
 * The user confirmed a plan switch. A downgrade is scheduled for the end of the paid period
 * (schedule-plan-switch.ts). An upgrade changes the subscription's price at Stripe now,
 * prorated from the preview's proration date and invoiced at once (`always_invoice`), and only
 * if the saved card pays (`error_if_incomplete`: a decline changes nothing and says why). What
 * Stripe returns is applied at once, as its webhooks would: the subscription moves to the new
 * plan (same purchase, same access) and the paid invoice becomes an order with its lines. The
 * events that follow change nothing more. No transaction is held while Stripe answers.
 */
export async function switchPlan(options: SwitchPlanOptions) {
  const { subscription, target, direction } = await loadPlanSwitch(
    options.userId,
    options.subscriptionId,
    options.offeringId,
  );
  const priceId = await ensureStripePrice(target.id);
  const stripe = await getStripe();
  const current = await stripe.subscriptions.retrieve(subscription.stripeSubscriptionId);
  const done = {
    subscriptionId: subscription.id,
    offeringId: target.id,
    offeringName: target.name,
  };
  if (direction === "downgrade") {
    const scheduled = await schedulePlanSwitch({
      stripe,
      current,
      subscriptionId: subscription.id,
      target,
      priceId,
      requestId: options.requestId,
    });
    return { ...done, direction, at: scheduled.at };
  }
  // A downgrade chosen earlier gives way: its schedule is released before the price changes.
  if (await releasePlanSwitch(stripe, current)) await recordPendingSwitch(subscription.id, null);
  const item = current.items.data[0];
  const cause = `user ${options.userId} plan switch`;
  let updated: Stripe.Subscription;
  try {
    updated = await stripe.subscriptions.update(
      subscription.stripeSubscriptionId,
      {
        items: [{ id: item.id, price: priceId }],
        proration_behavior: "always_invoice",
        ...(options.prorationDate ? { proration_date: options.prorationDate } : {}),
        payment_behavior: "error_if_incomplete",
      },
      { idempotencyKey: `plan-switch-${subscription.id}-${options.requestId}` },
    );
  } catch (error) {
    if (error instanceof Stripe.errors.StripeCardError) {
      throw new AppError("payment_declined", `Your card was declined: ${error.message}`, {
        code: error.code ?? null,
      });
    }
    if (error instanceof Stripe.errors.StripeInvalidRequestError) {
      throw new AppError(
        "conflict",
        `Stripe refused the switch: ${error.message} Open the preview again.`,
      );
    }
    throw error;
  }
  await db.$transaction((tx) => applyStripeSubscription(tx, updated, { cause }));
  const invoiceId =
    typeof updated.latest_invoice === "string"
      ? updated.latest_invoice
      : updated.latest_invoice?.id;
  if (invoiceId && invoiceId !== current.latest_invoice) {
    const invoice = await stripe.invoices.retrieve(invoiceId, { expand: ["payments"] });
    if (invoice.status === "paid") {
      const result = await db.$transaction((tx) => applyPaidInvoice(tx, invoice, { cause }));
      if (result.outcome === "FAILED")
        logger.error({ invoice: invoiceId, result }, "plan switch invoice was not recorded");
    }
  }
  return { ...done, direction, at: null };
}
