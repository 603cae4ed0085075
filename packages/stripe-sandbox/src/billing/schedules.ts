/**
 * Subscription schedules, as far as a plan change at the end of the period needs them: a
 * schedule made from a subscription (`from_subscription`: one phase, the current period at the
 * current prices), its phases replaced by an update (the current phase as it is, then later
 * phases with their prices and an `end_date` or a `duration`), and the clock running them. At
 * the period end that starts a phase, the subscription's item takes the phase's price (another
 * interval moves the billing cycle anchor there) before the renewal bills it; at the end of the
 * last phase the schedule is released (`end_behavior: release`) and the subscription runs on.
 */
import type { SandboxContext } from "../context";
import { invalidRequest } from "../api/errors";
import type { PreviousAttributes } from "../objects/events";
import {
  buildPhase,
  buildSchedule,
  type SchedulePhase,
  type SubscriptionSchedule,
} from "../objects/schedule-objects";
import {
  periodBoundary,
  periodEndOf,
  planOf,
  type Subscription,
} from "../objects/subscription-objects";
import type { RecurringInterval } from "../objects/objects";

export interface PhaseInput {
  items: Array<{ price: string; quantity: number }>;
  startDate?: number;
  endDate?: number;
  duration?: { interval: RecurringInterval; count: number };
}

export function scheduleFromSubscription(
  context: SandboxContext,
  subscription: Subscription,
): SubscriptionSchedule {
  if (subscription.schedule) {
    throw invalidRequest(
      `You cannot migrate a subscription that is already attached to a schedule: \`${subscription.schedule}\`.`,
      { param: "from_subscription" },
    );
  }
  if (subscription.status === "canceled") {
    throw invalidRequest("You cannot create a schedule from a canceled subscription.", {
      param: "from_subscription",
    });
  }
  const phase = buildPhase({
    currency: subscription.currency,
    items: subscription.items.data.map((item) => ({
      price: item.price.id,
      quantity: item.quantity,
    })),
    start: subscription.items.data[0].current_period_start,
    end: periodEndOf(subscription),
  });
  const schedule = buildSchedule({
    customer: subscription.customer,
    subscription: subscription.id,
    phase,
    created: context.now(),
  });
  context.store.state.subscriptionSchedules[schedule.id] = schedule;
  subscription.schedule = schedule.id;
  context.emit("subscription_schedule.created", schedule);
  context.emit("customer.subscription.updated", subscription, { schedule: null });
  return schedule;
}

/** Replaces the phases; the current one must stay as it is (the sandbox changes prices only at its end). */
export function setSchedulePhases(
  context: SandboxContext,
  schedule: SubscriptionSchedule,
  inputs: PhaseInput[],
) {
  if (schedule.status !== "active" || !schedule.subscription || !schedule.current_phase) {
    throw invalidRequest(`You cannot update a subscription schedule that is ${schedule.status}.`);
  }
  const subscription = context.store.subscription(schedule.subscription);
  const [current, ...later] = inputs;
  const currentPrices = subscription.items.data.map((item) => item.price.id).join();
  if (
    !current ||
    current.startDate !== schedule.current_phase.start_date ||
    current.items.map((item) => item.price).join() !== currentPrices ||
    current.endDate !== periodEndOf(subscription)
  ) {
    throw invalidRequest(
      "The Stripe sandbox keeps the current phase as it is (its start_date, items and an end_date at the current period's end) and changes prices in later phases.",
      { param: "phases[0]" },
    );
  }
  const phases: SchedulePhase[] = [schedule.phases[0]];
  let start = current.endDate;
  for (const [index, input] of later.entries()) {
    const prices = input.items.map((item) =>
      context.store.price(item.price, `phases[${index + 1}][items][0][price]`),
    );
    if (prices.some((price) => !price.recurring || price.currency !== subscription.currency)) {
      throw invalidRequest(
        "A phase's prices must be recurring and in the subscription's currency.",
        {
          param: `phases[${index + 1}][items]`,
        },
      );
    }
    const plan = planOf(prices[0]);
    const end =
      input.endDate ??
      periodBoundary(
        start,
        input.duration?.interval ?? plan.interval,
        input.duration?.count ?? plan.interval_count,
      );
    if (end <= start) {
      throw invalidRequest("A phase must end after it starts.", {
        param: `phases[${index + 1}][end_date]`,
      });
    }
    phases.push(buildPhase({ currency: subscription.currency, items: input.items, start, end }));
    start = end;
  }
  schedule.phases = phases;
  context.emit("subscription_schedule.updated", schedule);
}

/** Detaches the schedule; the subscription keeps its current prices. */
export function releaseSchedule(context: SandboxContext, schedule: SubscriptionSchedule) {
  if (schedule.status !== "active" && schedule.status !== "not_started") {
    throw invalidRequest(`You cannot release a subscription schedule that is ${schedule.status}.`);
  }
  const subscription = schedule.subscription
    ? context.store.state.subscriptions[schedule.subscription]
    : undefined;
  Object.assign(schedule, {
    status: "released",
    released_at: context.now(),
    released_subscription: schedule.subscription,
    current_phase: null,
  });
  context.emit("subscription_schedule.released", schedule);
  if (subscription?.schedule === schedule.id) {
    subscription.schedule = null;
    context.emit("customer.subscription.updated", subscription, { schedule: schedule.id });
  }
}

/**
 * At a period end, before the renewal: the phase that starts now gives the item its price, or,
 * past the last phase, the schedule is released. `previous` collects what changed.
 */
export function advanceSchedule(
  context: SandboxContext,
  subscription: Subscription,
  previous: PreviousAttributes,
) {
  const schedule = subscription.schedule
    ? context.store.state.subscriptionSchedules[subscription.schedule]
    : undefined;
  if (!schedule || schedule.status !== "active") return;
  const now = periodEndOf(subscription);
  const next = schedule.phases.find((phase) => phase.start_date === now);
  if (!next) {
    if (Math.max(...schedule.phases.map((phase) => phase.end_date)) <= now) {
      previous.schedule = schedule.id;
      subscription.schedule = null;
      Object.assign(schedule, {
        status: "released",
        released_at: now,
        released_subscription: subscription.id,
        current_phase: null,
      });
      context.emit("subscription_schedule.released", schedule);
    }
    return;
  }
  for (const [index, item] of subscription.items.data.entries()) {
    const phaseItem = next.items[index];
    if (!phaseItem || phaseItem.price === item.price.id) continue;
    const price = context.store.price(phaseItem.price);
    const plan = planOf(price);
    if (plan.interval !== item.plan.interval || plan.interval_count !== item.plan.interval_count) {
      previous.billing_cycle_anchor = subscription.billing_cycle_anchor;
      subscription.billing_cycle_anchor = now;
    }
    item.price = price;
    item.plan = plan;
  }
  schedule.current_phase = { start_date: next.start_date, end_date: next.end_date };
  context.emit("subscription_schedule.updated", schedule);
}

/** A subscription that ends takes its schedule with it. */
export function cancelScheduleOf(context: SandboxContext, subscription: Subscription) {
  const schedule = subscription.schedule
    ? context.store.state.subscriptionSchedules[subscription.schedule]
    : undefined;
  if (!schedule || schedule.status !== "active") return;
  Object.assign(schedule, { status: "canceled", canceled_at: context.now(), current_phase: null });
  context.emit("subscription_schedule.canceled", schedule);
}
