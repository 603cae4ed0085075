/**
 * A subscription's events applied by one of the two paths the Stripe webhook has, and what they
 * left, with ids and clocks taken out: equal for equal effects. "fast" is the webhook's order
 * (the renewal fast path, lib/payments/stripe/apply-renewal.ts, then the general path when it
 * declines); "general" is processEvent with the event's handler alone.
 */
import { isDeepStrictEqual } from "node:util";
import { db } from "@/lib/db";
import { processEvent } from "@/lib/events/process-event";
import { applyRenewal } from "@/lib/payments/stripe/apply-renewal";
import { stripeEventToProcess } from "@/lib/payments/stripe/handle-stripe-webhook";
import { serialiseEvent, stripeEvent, type StripeTestEvent } from "../../tooling/stripe";
import type { SubscriptionScenario } from "./stripe-subscriptions";

export type RenewalStep = { type: string; object: object; created: number };
export type Applied = { outcome: string; duplicate: boolean; fast: boolean };

/** Applies the steps in order through `path`; each answer says whether the fast path took it. */
export async function applySteps(path: "fast" | "general", steps: RenewalStep[]) {
  const events: StripeTestEvent[] = [];
  const answers: Applied[] = [];
  for (const step of steps) {
    const event = stripeEvent(step.type, step.object as Record<string, unknown>, {
      created: step.created,
    });
    events.push(event);
    answers.push(await applyEvent(path, event));
  }
  return { events, answers };
}

/** One event through `path` (a copy: pass the same event again). */
export async function applyEvent(path: "fast" | "general", event: StripeTestEvent) {
  const fast = path === "fast" ? await applyRenewal(event as never, serialiseEvent(event)) : null;
  const result = fast ?? (await processEvent(stripeEventToProcess(event as never, event as never)));
  return { outcome: result.outcome, duplicate: result.duplicate, fast: fast !== null };
}

const time = (date: Date | null) => date?.toISOString() ?? null;

/** Every row the events touched, ids replaced by names that do not depend on the run. */
export async function renewalEffects(scenario: SubscriptionScenario, events: StripeTestEvent[]) {
  const { purchaseId, user } = scenario;
  const [purchase, subscription, orders, memberships, trail, account, commissions] =
    await Promise.all([
      db.purchase.findUniqueOrThrow({ where: { id: purchaseId } }),
      db.subscription.findUniqueOrThrow({ where: { purchaseId } }),
      db.order.findMany({ where: { purchaseId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
      db.membership.findMany({ where: { purchaseId }, orderBy: { id: "asc" } }),
      db.accessEvent.findMany({ where: { purchaseId }, orderBy: [{ createdAt: "asc" }] }),
      db.user.findUniqueOrThrow({ where: { id: user.id } }),
      db.commission.findMany({ where: { buyerId: user.id }, orderBy: { level: "asc" } }),
    ]);
  const recorded = await db.processedEvent.findMany({
    where: { providerEventId: { in: events.map(({ id }) => id) } },
  });
  // The events that subscribed the user, before the steps: named by their type.
  const earlier = await db.processedEvent.findMany({
    where: { purchaseId, providerEventId: { notIn: events.map(({ id }) => id) } },
  });
  const names = new Map<string, string>([
    [purchaseId, "PURCHASE"],
    [user.id, "USER"],
    [subscription.id, "SUBSCRIPTION"],
    [scenario.offering.id, "OFFERING"],
    [scenario.community.id, "COMMUNITY"],
    [scenario.subscriptionId, "STRIPE_SUBSCRIPTION"],
    [scenario.customerId, "CUSTOMER"],
    [scenario.priceId, "PRICE"],
  ]);
  if (purchase.referrerId) names.set(purchase.referrerId, "REFERRER");
  for (const row of earlier) {
    names.set(row.providerEventId, `EARLIER ${row.type}`);
    names.set(row.id, `EARLIER ${row.type}`);
  }
  orders.forEach((order, index) => names.set(order.id, `ORDER${index}`));
  events.forEach((event, index) => {
    names.set(event.id, `EVENT${index}`);
    const object = event.data.object as { id?: unknown; object?: unknown };
    if (object.object === "invoice" && typeof object.id === "string")
      names.set(object.id, `INVOICE${index}`);
  });
  orders.forEach((order, index) => {
    if (order.providerInvoiceId && !names.has(order.providerInvoiceId))
      names.set(order.providerInvoiceId, `ORDER${index}_INVOICE`);
  });
  recorded.forEach((row) => names.set(row.id, names.get(row.providerEventId) ?? "?"));
  const own = (value: unknown) => {
    let text = JSON.stringify(value) ?? "null";
    for (const [id, name] of names) text = text.replaceAll(id, name);
    return text;
  };
  const outbox = await db.outboxMessage.findMany({
    where: { subject: { path: ["purchaseId"], equals: purchaseId } },
  });
  return {
    purchase: { status: purchase.status, expiresAt: time(purchase.expiresAt) },
    subscription: own({ ...subscription, id: null, createdAt: null, updatedAt: null }),
    orders: orders.map((order) =>
      own({ ...order, createdAt: null, updatedAt: null, paidAt: order.paidAt !== null }),
    ),
    memberships: memberships.map((membership) => ({
      expiresAt: time(membership.expiresAt),
      revoked: membership.revokedAt !== null,
    })),
    trail: trail
      .map((entry) => own([entry.action, entry.cause, entry.eventId, entry.actorId]))
      .sort(),
    user: { plan: account.plan, status: account.stripeSubscriptionStatus },
    commissions: commissions.map((entry) => own([entry.orderId, entry.level, entry.amount])),
    events: events.map((event) => {
      const row = recorded.find(({ providerEventId }) => providerEventId === event.id);
      return row ? own([row.outcome, row.error, row.details, row.attempts, row.purchaseId]) : null;
    }),
    payloads: events.every((event) =>
      recorded.some(
        (row) => row.providerEventId === event.id && isDeepStrictEqual(row.payload, event),
      ),
    ),
    outbox: outbox
      .map((message) => {
        // Its own clock and the ids of rows that have no name here are left out.
        const subject = Object.fromEntries(
          Object.entries(message.subject as Record<string, unknown>).filter(
            ([key]) => !["at", "accessEventId", "membershipId"].includes(key),
          ),
        );
        return own([message.type, subject]);
      })
      .sort(),
  };
}
