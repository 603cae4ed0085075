/**
 * A subscription-mode Checkout Session's `subscription_data`: metadata and description for the
 * subscription it makes, and its free trial (`trial_period_days`, or `trial_end` as a time), with
 * `trial_settings[end_behavior][missing_payment_method]`. Stripe's limits: at least 1 and at most
 * 730 days; a `trial_end` at least 48 hours ahead.
 */
import { mergeMetadata } from "./catalog-api";
import type { CheckoutMode, SubscriptionData } from "../objects/checkout-objects";
import { invalidValue, parametersExclusive } from "./errors";
import type { Params } from "./form";

const DAY_SECONDS = 86_400;
export const MAX_TRIAL_DAYS = 730;
const MIN_TRIAL_END_SECONDS = 48 * 60 * 60;

function trialOf(data: Params, now: number): SubscriptionData["trial"] {
  const days = data.integer("trial_period_days");
  const end = data.integer("trial_end");
  if (days !== undefined && end !== undefined) {
    throw parametersExclusive([data.name("trial_period_days"), data.name("trial_end")]);
  }
  const endBehavior =
    data
      .object("trial_settings")
      ?.object("end_behavior")
      ?.oneOf("missing_payment_method", ["cancel", "create_invoice", "pause"] as const) ??
    "create_invoice";
  if (days !== undefined) {
    if (days < 1 || days > MAX_TRIAL_DAYS) {
      throw invalidValue(
        data.name("trial_period_days"),
        `The trial period must be between 1 and ${MAX_TRIAL_DAYS} days.`,
      );
    }
    return { periodDays: days, end: null, endBehavior };
  }
  if (end !== undefined) {
    if (end < now + MIN_TRIAL_END_SECONDS || end > now + MAX_TRIAL_DAYS * DAY_SECONDS) {
      throw invalidValue(
        data.name("trial_end"),
        `\`trial_end\` must be at least 48 hours in the future and at most ${MAX_TRIAL_DAYS} days away.`,
      );
    }
    return { periodDays: null, end, endBehavior };
  }
  return null;
}

/** `subscription_data`: only in subscription mode. */
export function subscriptionDataOf(
  params: Params,
  mode: CheckoutMode,
  now: number,
): SubscriptionData | null {
  const data = params.object("subscription_data");
  if (mode !== "subscription") {
    if (data) {
      throw invalidValue(
        "subscription_data",
        "You can only pass `subscription_data` in `subscription` mode.",
      );
    }
    return null;
  }
  return {
    metadata: mergeMetadata({}, data?.metadata()),
    description: data?.string("description") || null,
    trial: data ? trialOf(data, now) : null,
  };
}

/** When a trial that the session asked for ends, if the subscription starts at `start`. */
export function trialEndFrom(trial: SubscriptionData["trial"], start: number): number | null {
  if (!trial) return null;
  return trial.end ?? start + (trial.periodDays ?? 0) * DAY_SECONDS;
}
