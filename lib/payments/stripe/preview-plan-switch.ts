import { ensureStripePrice } from "@/lib/offerings/ensure-stripe-price";
import { getStripe } from "@/lib/stripe/client";
import { loadPlanSwitch } from "@/lib/subscriptions/plan-switch-options";

export type PreviewPlanSwitchOptions = {
  userId: string;
  subscriptionId: string;
  offeringId: string;
};

export type PlanSwitchPreview = Awaited<ReturnType<typeof previewPlanSwitch>>;

/**
 * What switching the user's subscription to another plan of its family would do, before they
 * confirm. An upgrade is Stripe's own preview of the invoice the switch makes now
 * (`invoices.createPreview` with `proration_behavior=always_invoice`): its lines (the credit
 * for the unused time, the new plan) and the amount due, and the proration date it was counted
 * at, which the confirmation passes back so the charge is exactly the one shown. A downgrade
 * charges nothing now: it takes effect at the end of the paid period, at the new plan's price.
 */
export async function previewPlanSwitch({
  userId,
  subscriptionId,
  offeringId,
}: PreviewPlanSwitchOptions) {
  const { subscription, target, direction } = await loadPlanSwitch(
    userId,
    subscriptionId,
    offeringId,
  );
  const common = {
    subscriptionId: subscription.id,
    direction,
    from: { name: subscription.offering.name },
    to: {
      id: target.id,
      name: target.name,
      amount: target.priceAmount,
      pricingType: target.pricingType,
    },
    currency: target.currency,
    effectiveAt: direction === "upgrade" ? null : subscription.currentPeriodEnd,
  };
  if (direction === "downgrade") {
    return { ...common, amountDue: 0, lines: [], prorationDate: null };
  }
  const priceId = await ensureStripePrice(target.id);
  const stripe = await getStripe();
  const current = await stripe.subscriptions.retrieve(subscription.stripeSubscriptionId);
  const preview = await stripe.invoices.createPreview({
    customer: subscription.stripeCustomerId,
    subscription: subscription.stripeSubscriptionId,
    subscription_details: {
      items: [{ id: current.items.data[0].id, price: priceId }],
      proration_behavior: "always_invoice",
    },
  });
  return {
    ...common,
    amountDue: preview.amount_due,
    lines: preview.lines.data.map((line) => ({
      description: line.description ?? "",
      amount: line.amount,
      proration: Boolean(line.parent?.subscription_item_details?.proration),
    })),
    prorationDate: preview.parent?.subscription_details?.subscription_proration_date ?? null,
  };
}
