import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import { noteTrialEnding } from "@/lib/subscriptions/note-trial-ending";

/** `customer.subscription.trial_will_end`: recorded, changes nothing (note-trial-ending.ts). */
export function customerSubscriptionTrialWillEnd(tx: Tx, event: Stripe.Event) {
  return noteTrialEnding(tx, {
    subscription: event.data.object,
    eventCreated: new Date(event.created * 1000),
  });
}
