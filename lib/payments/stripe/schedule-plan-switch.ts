import type Stripe from "stripe";
import { AppError } from "@/lib/errors";
import type { PricingType } from "@/lib/generated/prisma/client";
import { recordPendingSwitch } from "@/lib/subscriptions/pending-switch";

export type SchedulePlanSwitchOptions = {
  stripe: Stripe;
  /** Stripe's subscription as it is now. */
  current: Stripe.Subscription;
  subscriptionId: string;
  target: { id: string; pricingType: PricingType };
  priceId: string;
  requestId: string;
};

const INTERVAL = { MONTHLY: "month", YEARLY: "year" } as const;

/**
 * A downgrade takes effect at the end of the paid period, the way Stripe does it: a
 * subscription schedule made from the subscription, whose current phase runs on the current
 * price to `current_period_end` and whose next phase is the new price for one period, then
 * released (`end_behavior: release`) so the subscription simply carries on. Nothing is charged
 * now and nothing is prorated; at the period's end Stripe sends `customer.subscription.updated`
 * with the new price and the renewal's `invoice.paid`, which move the subscription to the new
 * offering as any switch does. Our row remembers the pending switch for the billing page.
 */
export async function schedulePlanSwitch(options: SchedulePlanSwitchOptions) {
  const { stripe, current, target } = options;
  if (target.pricingType === "ONE_TIME") throw new AppError("conflict", "Not a recurring plan.");
  const item = current.items.data[0];
  const attached = typeof current.schedule === "string" ? current.schedule : current.schedule?.id;
  const schedule = attached
    ? await stripe.subscriptionSchedules.retrieve(attached)
    : await stripe.subscriptionSchedules.create(
        { from_subscription: current.id },
        { idempotencyKey: `plan-switch-schedule-${options.subscriptionId}-${options.requestId}` },
      );
  const phaseStart = schedule.current_phase?.start_date ?? item.current_period_start;
  await stripe.subscriptionSchedules.update(
    schedule.id,
    {
      end_behavior: "release",
      phases: [
        {
          items: [{ price: item.price.id, quantity: item.quantity ?? 1 }],
          start_date: phaseStart,
          end_date: item.current_period_end,
        },
        {
          items: [{ price: options.priceId, quantity: item.quantity ?? 1 }],
          duration: { interval: INTERVAL[target.pricingType], interval_count: 1 },
        },
      ],
    },
    { idempotencyKey: `plan-switch-phases-${options.subscriptionId}-${options.requestId}` },
  );
  const at = new Date(item.current_period_end * 1000);
  await recordPendingSwitch(options.subscriptionId, {
    offeringId: target.id,
    priceId: options.priceId,
    at,
  });
  return { scheduleId: schedule.id, at };
}

/** Drops a pending switch at Stripe (releases the schedule: prices stay as they are). */
export async function releasePlanSwitch(stripe: Stripe, current: Stripe.Subscription) {
  const attached = typeof current.schedule === "string" ? current.schedule : current.schedule?.id;
  if (!attached) return false;
  const schedule = await stripe.subscriptionSchedules.retrieve(attached);
  if (schedule.status === "active" || schedule.status === "not_started")
    await stripe.subscriptionSchedules.release(attached);
  return true;
}
