/**
 * Free trials: `customer.subscription.trial_will_end`, which Stripe sends three days before a
 * trial ends, or at once when less than three days are left. The sandbox keeps when each notice
 * falls due (`state.trialNotices`), and the clock sends it then (clock.ts), with the
 * subscription as it is at that moment. The end itself is the end of the first period: the
 * clock renews the subscription then (billing.ts), charging its first real invoice.
 */
import type { SandboxContext } from "../context";
import type { Subscription } from "../objects/subscription-objects";

const DAY_SECONDS = 86_400;
/** How long before a trial's end Stripe announces it. */
export const TRIAL_NOTICE_SECONDS = 3 * DAY_SECONDS;

/** Plans the notice of a subscription that just started trialing; sends it now if it is due. */
export function scheduleTrialNotice(context: SandboxContext, subscription: Subscription): void {
  if (subscription.status !== "trialing" || subscription.trial_end === null) return;
  const dueAt = Math.max(context.now(), subscription.trial_end - TRIAL_NOTICE_SECONDS);
  context.store.state.trialNotices[subscription.id] = dueAt;
  if (dueAt <= context.now()) sendTrialNotice(context, subscription);
}

/** Sends the notice if the subscription is still in its trial; either way it is not due any more. */
export function sendTrialNotice(context: SandboxContext, subscription: Subscription): void {
  dropTrialNotice(context, subscription);
  if (subscription.status !== "trialing" || subscription.trial_end === null) return;
  if (subscription.trial_end <= context.now()) return;
  context.emit("customer.subscription.trial_will_end", subscription);
}

/** The trial ended (or the subscription did) before its notice was due: none is sent. */
export function dropTrialNotice(context: SandboxContext, subscription: Subscription): void {
  delete context.store.state.trialNotices[subscription.id];
}

/** The notices due at or before `limit`, oldest first. */
export function dueTrialNotices(context: SandboxContext, limit: number) {
  const state = context.store.state;
  return Object.entries(state.trialNotices)
    .filter(([, dueAt]) => dueAt <= limit)
    .map(([subscriptionId, dueAt]) => ({
      subscription: state.subscriptions[subscriptionId],
      dueAt,
    }))
    .filter((notice) => notice.subscription !== undefined)
    .sort((a, b) => a.dueAt - b.dueAt);
}
