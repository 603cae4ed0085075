/**
 * The naive webhook sellers compare us with, as a well-known Next.js starter writes it: verify
 * Stripe's signature, run one UPDATE. No deduplication, no transaction, no amount check, no
 * access granted, no log line. Only the benchmark builds and runs it (stripe-webhook.ts, phase 5).
 */
import pg from "pg";
import Stripe from "stripe";

const stripe = new Stripe("sk_test_naive");
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
});

export async function POST(request) {
  const body = await request.text();
  let event;
  try {
    event = stripe.webhooks.constructEvent(
      body,
      request.headers.get("stripe-signature") ?? "",
      process.env.STRIPE_WEBHOOK_SECRET ?? "",
    );
  } catch {
    return Response.json({ error: "invalid_signature" }, { status: 400 });
  }
  if (event.type === "checkout.session.completed") {
    await pool.query(`UPDATE "Order" SET status = 'PAID', "updatedAt" = now() WHERE id = $1`, [
      event.data.object.client_reference_id,
    ]);
  }
  return Response.json({ received: true });
}
