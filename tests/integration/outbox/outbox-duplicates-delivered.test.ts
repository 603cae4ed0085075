/**
 * The same proof through the real channels: 1,000 copies of one Stripe payment from 50 clients,
 * with the worker sending to a seller's endpoint (a local receiver that verifies every delivery
 * with `standardwebhooks`) and by email (a real SMTP server). The receiver sees each message
 * once, with no webhook-id twice, and the buyer's mailbox holds one receipt.
 */
import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createEmailChannel } from "@/lib/notifications/emails/email-channel";
import { createWebhookChannel } from "@/lib/notifications/webhooks/webhook-channel";
import { createEndpoint } from "@/lib/notifications/webhooks/create-endpoint";
import { startOutboxWorker, type OutboxWorker } from "@/lib/notifications/worker";
import { makeCommunity, makeUser } from "../../../tooling/seed/factories";
import { forEachConcurrently } from "../../../tooling/load/run-load";
import { mailsSentTo, startMailSink } from "../../../tooling/server/mail-sink";
import { checkoutSession, stripeEvent } from "../../../tooling/stripe";
import { startReceiver, type Receiver } from "../../helpers/outgoing-webhooks";
import { resetDatabase } from "../../helpers/reset";
import { deliverStripeEvent, pendingStripeOrderScenario } from "../../helpers/stripe-webhook";

vi.stubEnv("OUTGOING_WEBHOOKS_ALLOW_PRIVATE", "on");

let sink: SMTPServer;
let mailFile = "";
let receiver: Receiver | undefined;
let worker: OutboxWorker | undefined;

beforeAll(async () => {
  mailFile = path.join(mkdtempSync(path.join(tmpdir(), "outbox-duplicates-")), "mail.jsonl");
  sink = await startMailSink(0, mailFile);
});
afterAll(() => new Promise<void>((resolve) => sink.close(() => resolve())));
beforeEach(resetDatabase);
afterEach(async () => {
  await worker?.stop();
  await receiver?.close();
  worker = receiver = undefined;
});

it("1,000 copies from 50 clients: the endpoint gets each message once, the buyer one receipt", async () => {
  const scenario = await pendingStripeOrderScenario();
  const second = await makeCommunity("Second");
  await db.offeringCommunity.create({
    data: { offeringId: scenario.offering.id, communityId: second.id },
  });
  receiver = await startReceiver();
  const admin = await makeUser({ role: "ADMIN" });
  const endpoint = await createEndpoint({
    actorId: admin.id,
    input: { url: receiver.url, description: "proof", eventTypes: [], enabled: true },
  });
  receiver.setSecrets([endpoint.secret]);
  const smtp = `smtp://127.0.0.1:${(sink.server.address() as AddressInfo).port}`;
  const email = createEmailChannel(() => ({
    delivery: "smtp",
    server: smtp,
    from: "Shop <shop@example.com>",
    appUrl: "https://shop.example.com",
  }));
  worker = startOutboxWorker({ channels: [createWebhookChannel(), email], listen: true });

  const event = stripeEvent(
    "checkout.session.completed",
    checkoutSession({ orderId: scenario.orderId }),
  );
  const statuses: number[] = [];
  await forEachConcurrently(1_000, 50, async () => {
    statuses.push((await deliverStripeEvent(event)).status);
  });
  expect(statuses.filter((status) => status !== 200)).toEqual([]);

  // purchase.completed and one access.granted per community: three messages, each sent once.
  const deadline = Date.now() + 30_000;
  while (receiver.received.length < 3 && Date.now() < deadline) await sleep(50);
  await sleep(1_500); // a duplicate would arrive now
  const ids = receiver.received.map((delivery) => delivery.webhookId);
  expect(ids).toHaveLength(3);
  expect(new Set(ids).size).toBe(3);
  expect(receiver.received.every((delivery) => delivery.verifiedWith.length === 1)).toBe(true);
  const types = receiver.received.map((delivery) => JSON.parse(delivery.body).type).sort();
  expect(types).toEqual(["access.granted", "access.granted", "purchase.completed"]);

  const receipts = mailsSentTo(mailFile, scenario.user.email);
  expect(receipts).toHaveLength(1);
  expect(receipts[0].raw).toContain("https://shop.example.com/communities/");
});
