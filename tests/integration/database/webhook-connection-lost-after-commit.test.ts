/**
 * A database connection that breaks after the commit went through, before its answer reached
 * the app: the event and its effects are stored, so the webhook answers 200 (read again on a
 * fresh connection), not 503. The app reaches the test database through a TCP proxy that drops
 * exactly the server's reply that ends the transaction, and resets that one connection.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { db } from "@/lib/db";
import { setLogDestination } from "@/lib/logger";
import { pendingPurchaseScenario } from "../../../tooling/seed/factories";
import { postOfferingWebhook } from "../../helpers/offering-webhook";
import { resetDatabase } from "../../helpers/reset";
import {
  deliverStripeEvent,
  pendingStripeOrderScenario,
  purchaseRows,
} from "../../helpers/stripe-webhook";
import { proxyTestDatabase, type TcpProxy } from "../../helpers/tcp-proxy";
import { logLineSink } from "../../helpers/log-lines";
import { checkoutSession, stripeEvent } from "../../../tooling/stripe";

let proxy: TcpProxy;
let logLines: { msg?: string; level?: string }[] = [];

beforeAll(async () => {
  proxy = await proxyTestDatabase();
  setLogDestination(logLineSink((line: (typeof logLines)[number]) => logLines.push(line)));
});

beforeEach(async () => {
  await resetDatabase();
  logLines = [];
});

afterAll(async () => {
  setLogDestination();
  await proxy.close();
});

// The server's ReadyForQuery: 'Z', length 5, then the transaction status ('I': idle, so what
// came before it in the reply is committed; 'T': still inside a transaction).
const readyAndIdle = Buffer.from([0x5a, 0, 0, 0, 5, 0x49]);
const readyInTransaction = Buffer.from([0x5a, 0, 0, 0, 5, 0x54]);

/** The reply to an explicit COMMIT (a Prisma transaction). */
const commitReply = (chunk: Buffer) =>
  chunk.includes("COMMIT\0") && chunk.subarray(-6).equals(readyAndIdle);

/** The reply to a single statement in its own implicit transaction that returned `text`. */
const committedStatementReturning = (text: string) => (chunk: Buffer) =>
  chunk.includes(text) && chunk.subarray(-6).equals(readyAndIdle);

const answeredAsStored = () =>
  logLines.filter((line) => line.msg?.includes("answered as stored")).length;

it("answers 200 to a Stripe payment whose one-statement fast path committed before its connection broke", async () => {
  const { purchaseId, orderId } = await pendingStripeOrderScenario();
  const event = stripeEvent("checkout.session.completed", checkoutSession({ orderId }));
  const cut = proxy.cutOnReply(committedStatementReturning(purchaseId));

  const answer = await deliverStripeEvent(event);
  await cut;

  expect(answer).toEqual({
    status: 200,
    body: { received: true, duplicate: false, outcome: "processed" },
  });
  expect(answeredAsStored()).toBe(1);
  const rows = await purchaseRows(purchaseId);
  expect(rows.purchase.status).toBe("SUCCEEDED");
  expect(rows.grants).toBe(1);
  expect(rows.events.map((row) => [row.providerEventId, row.outcome])).toEqual([
    [event.id, "PROCESSED"],
  ]);
  // Stripe's retry, had it come, is a duplicate that changes nothing.
  expect((await deliverStripeEvent(event)).body).toMatchObject({ duplicate: true });
  expect((await purchaseRows(purchaseId)).grants).toBe(1);
});

it("answers 200 to a Stripe event of the general path whose COMMIT went through before the connection broke", async () => {
  const event = stripeEvent("customer.created", { id: "cus_lost_commit", object: "customer" });
  const cut = proxy.cutOnReply(commitReply);

  const answer = await deliverStripeEvent(event);
  await cut;

  expect(answer).toEqual({
    status: 200,
    body: { received: true, duplicate: false, outcome: "ignored" },
  });
  expect(answeredAsStored()).toBe(1);
  const stored = await db.processedEvent.findMany({
    where: { provider: "stripe", providerEventId: event.id },
    select: { outcome: true },
  });
  expect(stored).toEqual([{ outcome: "IGNORED" }]);
});

it("answers 200 to an offering webhook delivery whose COMMIT went through, and grants once", async () => {
  const { offering, user, purchaseId } = await pendingPurchaseScenario();
  const body = { status: "succeeded", user_email: user.email, payment_id: "pay_lost_commit" };
  const cut = proxy.cutOnReply(commitReply);

  const answer = await postOfferingWebhook(offering.id, body, { secret: offering.webhookSecret });
  await cut;

  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ received: true, duplicate: false, purchase_id: purchaseId });
  expect(answeredAsStored()).toBe(1);
  const [events, grants] = await Promise.all([
    db.processedEvent.findMany({ where: { purchaseId }, select: { outcome: true } }),
    db.accessEvent.count({ where: { purchaseId, action: "GRANT" } }),
  ]);
  expect(events).toEqual([{ outcome: "PROCESSED" }]);
  expect(grants).toBe(1);
});

it("still answers 503, with nothing stored, when the connection broke before the commit", async () => {
  const { offering, user, purchaseId } = await pendingPurchaseScenario();
  const body = { status: "succeeded", user_email: user.email, payment_id: "pay_no_commit" };
  // The first reply inside the transaction (BEGIN's): nothing of it is committed.
  const cut = proxy.cutOnReply((chunk) => chunk.subarray(-6).equals(readyInTransaction));

  const answer = await postOfferingWebhook(offering.id, body, { secret: offering.webhookSecret });
  await cut;

  expect(answer.status).toBe(503);
  expect(answer.body).toMatchObject({ error: "database_unavailable" });
  expect(answeredAsStored()).toBe(0);
  expect(await db.processedEvent.count({ where: { provider: "external" } })).toBe(0);
  // The provider's retry applies it, once.
  const retried = await postOfferingWebhook(offering.id, body, { secret: offering.webhookSecret });
  expect(retried).toMatchObject({
    status: 200,
    body: { duplicate: false, purchase_id: purchaseId },
  });
  expect(await db.accessEvent.count({ where: { purchaseId, action: "GRANT" } })).toBe(1);
});
