/**
 * The peer's webhook, shaped exactly as nextjs/saas-starter writes it (app/api/stripe/webhook/
 * route.ts and handleSubscriptionChange in lib/payments/stripe.ts): verify Stripe's signature;
 * on `customer.subscription.updated`/`deleted`, find the team by its Stripe customer id (one
 * SELECT … LIMIT 1), then write the subscription's fields onto it (one UPDATE by the team's id).
 * No deduplication, no transaction, no ordering. Its `teams` table is the starter's, created by
 * the benchmark (scripts/bench/peer-teams.ts). saas-starter talks to PostgreSQL through Drizzle;
 * this runs the same two statements through pg. Only bench:stripe-webhook (phase 5) runs it.
 */
import pg from "pg";
import Stripe from "stripe";

const stripe = new Stripe("sk_test_peer");
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
});

async function handleSubscriptionChange(subscription) {
  const customerId = subscription.customer;
  const status = subscription.status;
  const { rows } = await pool.query(
    `SELECT id, name, stripe_customer_id, stripe_subscription_id, stripe_product_id, plan_name,
            subscription_status, created_at, updated_at
     FROM teams WHERE stripe_customer_id = $1 LIMIT 1`,
    [customerId],
  );
  const team = rows[0];
  if (!team) {
    console.error("Team not found for Stripe customer:", customerId);
    return;
  }
  if (status === "active" || status === "trialing") {
    const plan = subscription.items.data[0]?.plan;
    // The starter also sets planName from an expanded product, which an event never carries
    // (undefined, so Drizzle leaves the column out of the UPDATE).
    await pool.query(
      `UPDATE teams SET stripe_subscription_id = $1, stripe_product_id = $2,
              subscription_status = $3, updated_at = $4 WHERE id = $5`,
      [subscription.id, plan?.product, status, new Date(), team.id],
    );
  } else if (status === "canceled" || status === "unpaid") {
    await pool.query(
      `UPDATE teams SET stripe_subscription_id = NULL, stripe_product_id = NULL, plan_name = NULL,
              subscription_status = $1, updated_at = $2 WHERE id = $3`,
      [status, new Date(), team.id],
    );
  }
}

export async function POST(request) {
  const payload = await request.text();
  const signature = request.headers.get("stripe-signature");
  let event;
  try {
    event = stripe.webhooks.constructEvent(
      payload,
      signature,
      process.env.STRIPE_WEBHOOK_SECRET ?? "",
    );
  } catch {
    return Response.json({ error: "Webhook signature verification failed." }, { status: 400 });
  }
  switch (event.type) {
    case "customer.subscription.updated":
    case "customer.subscription.deleted":
      await handleSubscriptionChange(event.data.object);
      break;
    default:
      console.log(`Unhandled event type ${event.type}`);
  }
  return Response.json({ received: true });
}
