/**
 * What the peer-shaped handler (scripts/bench/naive-webhook/app/api/stripe/webhook, nextjs/
 * saas-starter's webhook) works on: the starter's `teams` table, created in the benchmark's
 * database beside the app's tables (no app code reads it), teams with a Stripe customer each,
 * the `customer.subscription.updated` event Stripe posts for each, and the check that every
 * team was updated once.
 */
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import {
  DAY,
  serialiseEvent,
  stripeEvent,
  subscriptionObject,
  unixNow,
} from "../../tooling/stripe";
import type { Effects } from "./stripe-orders";

export type PeerTeams = { label: string; customerIds: string[]; productId: string };

/** saas-starter's `teams` (lib/db/schema.ts), once per database. */
async function createTeamsTable(): Promise<void> {
  await db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS teams (
    id serial PRIMARY KEY,
    name varchar(100) NOT NULL,
    created_at timestamp NOT NULL DEFAULT now(),
    updated_at timestamp NOT NULL DEFAULT now(),
    stripe_customer_id text UNIQUE,
    stripe_subscription_id text UNIQUE,
    stripe_product_id text,
    plan_name varchar(50),
    subscription_status varchar(20)
  )`);
}

/** `count` teams, each a Stripe customer with no subscription yet. */
export async function createPeerTeams(label: string, count: number): Promise<PeerTeams> {
  await createTeamsTable();
  const run = randomUUID().slice(0, 8);
  const customerIds = Array.from({ length: count }, (_, index) => `cus_${label}_${run}_${index}`);
  await db.$executeRaw`
    INSERT INTO teams (name, stripe_customer_id)
    SELECT 'Team ' || customer, customer FROM unnest(${customerIds}::text[]) AS customer`;
  return { label, customerIds, productId: `prod_${label}_${run}` };
}

/** The `customer.subscription.updated` a team's new subscription brings (with its plan, which the starter reads). */
export function subscriptionUpdatedEvent(teams: PeerTeams, customer: string): string {
  const now = unixNow();
  const subscription = subscriptionObject({
    id: `sub_${customer.slice(4)}`,
    customer,
    priceId: `price_${teams.label}`,
    periodStart: now,
    periodEnd: now + 30 * DAY,
  });
  const [item] = subscription.items.data;
  const plan = { id: item.price.id, object: "plan", product: teams.productId };
  const items = { ...subscription.items, data: [{ ...item, plan }] };
  return serialiseEvent(stripeEvent("customer.subscription.updated", { ...subscription, items }));
}

/** Every team given its subscription: `expected` teams active on the product. */
export function teamsUpdatedExactly(teams: PeerTeams, expected: number) {
  return async (): Promise<Effects> => {
    const [{ updated }] = await db.$queryRaw<Array<{ updated: number }>>`
      SELECT count(*)::int AS updated FROM teams
      WHERE stripe_product_id = ${teams.productId} AND subscription_status = 'active'`;
    const text = `${updated} teams with the subscription (goal exactly ${expected})`;
    return { ok: updated === expected, text };
  };
}
