/**
 * Free trials in the app's tests against the Stripe sandbox: a trial offering, and Stripe's
 * events delivered signed, each twice (Stripe delivers at least once), with what was recorded.
 */
import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { expect } from "vitest";
import { db } from "@/lib/db";
import { embeddedOffering } from "../../tooling/seed/factories";
import { deliverStripeEvent } from "./stripe-webhook";

/** A $19 monthly Embedded Checkout offering with a free trial, earning 10 % for referrers. */
export function trialOffering(trialDays = 14) {
  return embeddedOffering({
    name: `Trial club ${randomUUID().slice(0, 6)}`,
    priceAmount: 1900,
    pricingType: "MONTHLY",
    trialDays,
    commissionRateBps: 1000,
  });
}

/** Delivers each event, then each again, every answer a 2xx; the answers, in order. */
export async function deliverTwice(events: Stripe.Event[]) {
  const answers = [];
  for (const event of [...events, ...events]) {
    const answer = await deliverStripeEvent(event);
    expect(answer.status, `${event.type}: ${JSON.stringify(answer.body)}`).toBe(200);
    answers.push({ type: event.type, ...answer.body });
  }
  return answers;
}

/** What the app recorded for an event. */
export function outcomeOf(event: Stripe.Event) {
  return db.processedEvent.findUniqueOrThrow({
    where: { provider_providerEventId: { provider: "stripe", providerEventId: event.id } },
    select: { outcome: true, details: true },
  });
}
