/**
 * The launcher's order (scripts/run.ts): the Stripe sandbox starts, seeding creates products and
 * prices through it, and only then does the app listen. The sandbox holds those events until the
 * launcher has seen the app answer, so their first delivery is answered, not refused by a port
 * nobody listens on yet.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterEach, expect, it } from "vitest";
import { startStripeSandbox, type StripeSandbox } from "@offerings/stripe-sandbox";
import { whenAppAnswers } from "../../../scripts/when-app-answers";
import { waitFor } from "@offerings/stripe-sandbox/testing";

let sandbox: StripeSandbox | undefined;
let app: Server | undefined;

afterEach(async () => {
  await sandbox?.close();
  app?.closeAllConnections();
  await new Promise((resolve) => (app ? app.close(resolve) : resolve(undefined)));
});

/** A port nothing listens on yet. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The app, late: every request answered 200, as the webhook answers an ignored event. */
async function startAppOn(port: number): Promise<Server> {
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => response.writeHead(200).end("{}"));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return server;
}

it("delivers the events of objects created before the app listens once it answers, first attempt 2xx", async () => {
  const port = await freePort();
  const webhookUrl = `http://127.0.0.1:${port}/api/webhooks/stripe`;
  sandbox = await startStripeSandbox({
    port: 0,
    webhookSecret: "whsec_held_deliveries",
    webhookUrl,
    retryScale: 0.001,
    holdDeliveries: true,
  });
  // Seeding, before the app listens.
  const stripe = new Stripe("sk_test_seed", { ...sandbox.sdkOptions });
  const product = await stripe.products.create({ name: "Starter Course" });
  await stripe.prices.create({ product: product.id, unit_amount: 4900, currency: "usd" });
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(sandbox.deliveries).toEqual([]);

  // The launcher waits for the app, which starts a moment later, then resumes deliveries.
  const held = sandbox;
  const released = whenAppAnswers(webhookUrl, { intervalMs: 50 }).then((answered) => {
    held.resumeDeliveries();
    return answered;
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  app = await startAppOn(port);
  expect(await released).toBe(true);

  const types = await waitFor(() => {
    const delivered = held.deliveries.map((attempt) => attempt.type);
    return delivered.includes("product.created") && delivered.includes("price.created")
      ? delivered
      : undefined;
  });
  expect(types).toEqual(expect.arrayContaining(["product.created", "price.created"]));
  expect(
    held.deliveries.map(({ type, attempt, statusCode, error }) => ({
      type,
      attempt,
      statusCode,
      error,
    })),
  ).toEqual(types.map((type) => ({ type, attempt: 1, statusCode: 200, error: null })));
  // New events go out at once from now on.
  await stripe.products.create({ name: "Monthly Membership" });
  await waitFor(() => held.deliveries.filter((a) => a.type === "product.created").length === 2);
});
