/**
 * Two `customer.subscription.updated` events stamped the same second (a card saved, then the
 * open invoice paid with it) race each other: whichever lands last must not decide the state.
 * Stripe's current object, on the sandbox, settles it.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";
import {
  recurringOffering,
  setUpStripeSandbox,
  startCheckout,
} from "../../helpers/stripe-app-sandbox";
import { deliverStripeEvent } from "../../helpers/stripe-webhook";
import { eventMark, eventsSince } from "@offerings/stripe-sandbox/testing";
import { subscriptionRows } from "../../helpers/stripe-subscriptions";
import { stripeEvent } from "../../../tooling/stripe";

const stripe = setUpStripeSandbox();
beforeEach(resetDatabase);

/** A user subscribed through Embedded Checkout on the sandbox, every event delivered. */
async function subscribed() {
  const { community, offering } = await recurringOffering();
  const user = await makeUser();
  const checkout = await startCheckout(user.id, offering.id);
  const mark = await eventMark(stripe.stripe);
  await stripe.pay(checkout.sessionId, "4242424242424242");
  for (const event of await eventsSince(stripe.stripe, mark)) {
    expect((await deliverStripeEvent(event)).status).toBe(200);
  }
  const row = await db.subscription.findFirstOrThrow({ where: { userId: user.id } });
  const current = await stripe.stripe.subscriptions.retrieve(row.stripeSubscriptionId);
  expect(current.status).toBe("active");
  return { user, community, purchaseId: checkout.purchaseId, current };
}

async function deliver(object: object, created: number) {
  const event = stripeEvent("customer.subscription.updated", object as Record<string, unknown>, {
    created,
  });
  const answer = await deliverStripeEvent(event);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return event.id;
}

describe("two subscription events in one second", () => {
  it("the older one (past_due) landing last is settled by Stripe's current object: active, pro, access kept", async () => {
    const { user, community, purchaseId, current } = await subscribed();
    const second = current.created + 60;

    await deliver(current, second);
    const lateId = await deliver({ ...current, status: "past_due" }, second);

    const rows = await subscriptionRows(purchaseId, user.id);
    expect(rows.subscription?.status).toBe("active");
    expect(rows.user).toEqual({ plan: "pro", stripeSubscriptionStatus: "active" });
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
    const late = await db.processedEvent.findFirstOrThrow({ where: { providerEventId: lateId } });
    expect(late).toMatchObject({
      outcome: "PROCESSED",
      details: { note: "same_second_as_last_event" },
    });
  });

  it("in the other order the newer one lands last and is confirmed by Stripe; a strictly older event changes nothing", async () => {
    const { user, purchaseId, current } = await subscribed();
    const second = current.created + 60;

    const earlyId = await deliver({ ...current, status: "past_due" }, second);
    expect((await subscriptionRows(purchaseId, user.id)).subscription?.status).toBe("past_due");
    const laterId = await deliver(current, second);
    await deliver({ ...current, status: "past_due" }, second - 1);

    expect((await subscriptionRows(purchaseId, user.id)).subscription?.status).toBe("active");
    const notes = await db.processedEvent.findMany({
      where: { providerEventId: { in: [earlyId, laterId] } },
      select: { details: true },
      orderBy: { receivedAt: "asc" },
    });
    expect(notes.map(({ details }) => (details as { note?: string }).note)).toEqual([
      undefined,
      "same_second_as_last_event",
    ]);
  });
});
