import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startStripeSandbox } from "../src";
import { setUpSandboxSuite, WEBHOOK_SECRET } from "./helpers/suite";
import {
  advanceClock,
  DAY,
  portalFor,
  postForm,
  recurringPrice,
  subscribe,
} from "./helpers/subscriptions";
import { waitFor } from "../testing/webhooks";

const suite = setUpSandboxSuite();

describe("canceling now", () => {
  it("cancels now, from the portal or the API, and lists canceled ones only when asked", async () => {
    const { stripe, receiver } = suite;
    const { price } = await recurringPrice(stripe);
    const first = await subscribe(suite, price.id, { reference: "now_portal" });
    const { base } = await portalFor(suite, first.customer.id);

    const posted = await postForm(`${base}/subscriptions/${first.subscriptionId}/cancel-now`);
    const viaApi = await stripe.subscriptions.cancel(
      (await subscribe(suite, price.id, { reference: "now_api" })).subscriptionId,
    );

    expect(posted.status).toBe(303);
    const viaPortal = await stripe.subscriptions.retrieve(first.subscriptionId);
    for (const canceled of [viaPortal, viaApi]) {
      expect(canceled).toMatchObject({ status: "canceled" });
      expect(canceled.ended_at).toBe(canceled.canceled_at);
      await waitFor(() => receiver.deliveries("customer.subscription.deleted", canceled.id)[0]);
    }
    const customer = first.customer.id;
    expect((await stripe.subscriptions.list({ customer })).data).toEqual([]);
    const listed = await stripe.subscriptions.list({ customer, status: "canceled" });
    expect(listed.data.map((item) => item.id)).toEqual([first.subscriptionId]);
  });
});

describe("catalog updates", () => {
  it("renames a product and retires a price, with previous_attributes on the events", async () => {
    const { stripe, receiver } = suite;
    const { product, price } = await recurringPrice(stripe, { name: "Old name" });

    const renamed = await stripe.products.update(product.id, { name: "New name" });
    const retired = await stripe.prices.update(price.id, { active: false });

    expect(renamed.name).toBe("New name");
    expect(retired.active).toBe(false);
    const event = await waitFor(
      () => receiver.deliveries("price.updated", price.id)[0]?.event ?? undefined,
    );
    expect(event.data.previous_attributes).toEqual({ active: true });
    const active = await stripe.prices.list({ product: product.id, active: true });
    expect(active.data).toEqual([]);
    const refused = await stripe.checkout.sessions
      .create({
        mode: "subscription",
        line_items: [{ price: price.id, quantity: 1 }],
        success_url: "http://localhost:3000/done",
      })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ statusCode: 400, param: "line_items[0][price]" });
  });
});

describe("the sandbox clock", () => {
  it("reads, refuses to go backwards, and advances from the /clock page", async () => {
    const { sandbox } = suite;
    const reading = await (await fetch(`${sandbox.url}/_sandbox/clock`)).json();
    expect(
      Math.abs(reading.now - Math.floor(Date.now() / 1000) - reading.offsetSeconds),
    ).toBeLessThanOrEqual(1);

    for (const body of [{ to: reading.now - 60 }, { seconds: -1 }, {}]) {
      const refused = await fetch(`${sandbox.url}/_sandbox/clock/advance`, {
        method: "POST",
        body: JSON.stringify(body),
      });
      expect(refused.status).toBe(400);
    }

    const page = await (await fetch(`${sandbox.url}/clock`)).text();
    for (const label of ["+1 day", "+1 week", "+1 month", "+1 year"]) {
      expect(page).toContain(`>${label}</button>`);
    }
    expect(page).toContain("Monthly Membership");
    const before = sandbox.now();
    const posted = await postForm(`${sandbox.url}/clock`, { advance: "day" });
    expect(posted.status).toBe(303);
    expect(posted.location).toMatch(/^\/clock\?advanced=day&renewals=0&failures=0&canceled=0$/);
    expect(sandbox.now() - before).toBeGreaterThanOrEqual(DAY);
    expect(sandbox.now() - before).toBeLessThan(DAY + 5);
    const answer = await advanceClock(sandbox.url, { seconds: 0 });
    expect(answer).toMatchObject({ status: 200, body: { renewals: 0, failures: 0, canceled: 0 } });
  });

  it("keeps the clock's offset across a restart when given a data file", async () => {
    const dataFile = path.join(mkdtempSync(path.join(tmpdir(), "stripe-sandbox-")), "state.json");
    const first = await startStripeSandbox({ webhookSecret: WEBHOOK_SECRET, dataFile });
    expect(first.advanceClock(3 * DAY)).toMatchObject({ renewals: 0, failures: 0, canceled: 0 });
    await first.close();

    const second = await startStripeSandbox({ webhookSecret: WEBHOOK_SECRET, dataFile });
    const ahead = second.now() - Math.floor(Date.now() / 1000);
    await second.close();
    expect(ahead).toBeGreaterThanOrEqual(3 * DAY - 5);
    expect(ahead).toBeLessThanOrEqual(3 * DAY);
  });
});
