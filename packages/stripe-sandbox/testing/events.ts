/** The events a Stripe account (here the sandbox) recorded since a given moment, in order. */
import type Stripe from "stripe";

/** The id of the newest event so far: `eventsSince` lists what comes after it. */
export async function eventMark(stripe: Stripe): Promise<string | undefined> {
  return (await stripe.events.list({ limit: 1 })).data[0]?.id;
}

/** Events recorded after `mark`, oldest first (the order the sandbox emitted them). */
export async function eventsSince(stripe: Stripe, mark: string | undefined) {
  const page = await stripe.events.list({ limit: 100, ...(mark ? { ending_before: mark } : {}) });
  return [...page.data].reverse();
}
