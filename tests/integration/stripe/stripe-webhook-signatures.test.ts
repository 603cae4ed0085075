/**
 * Only the bytes Stripe signed, signed with our secret within five minutes, are accepted: every
 * other request gets 400 and writes nothing, and a signed body that is not an event is refused
 * with 400 rather than failing inside.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "../../helpers/reset";
import {
  deliverStripeEvent,
  pendingStripeOrderScenario,
  purchaseRows,
  WEBHOOK_SECRET,
} from "../../helpers/stripe-webhook";
import {
  checkoutSession,
  serialiseEvent,
  stripeEvent,
  stripeSignature,
} from "../../../tooling/stripe";

beforeEach(resetDatabase);

const completed = (orderId: string) =>
  stripeEvent("checkout.session.completed", checkoutSession({ orderId }));

describe("Stripe webhook: signatures", () => {
  const tamperings: [
    string,
    (payload: string) => { signature?: string | null; rawBody?: string },
  ][] = [
    ["a missing Stripe-Signature header", () => ({ signature: null })],
    ["a malformed header", () => ({ signature: "t=not-a-time,v1=zzzz" })],
    [
      "a header signed with another secret",
      (payload) => ({ signature: stripeSignature(payload, { secret: "whsec_someone_else" }) }),
    ],
    [
      "a timestamp 301 s old",
      (payload) => ({
        signature: stripeSignature(payload, {
          secret: WEBHOOK_SECRET,
          timestamp: Math.floor(Date.now() / 1000) - 301,
        }),
      }),
    ],
    [
      "a re-serialised body (same JSON, other bytes)",
      (payload) => ({ rawBody: JSON.stringify(JSON.parse(payload)) }),
    ],
  ];

  it.each(tamperings)(
    "answers %s with 400 invalid_signature and writes nothing",
    async (_name, tamper) => {
      const { purchaseId, orderId } = await pendingStripeOrderScenario();
      const event = completed(orderId);

      const response = await deliverStripeEvent(event, tamper(serialiseEvent(event)));

      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: "invalid_signature", details: {} });
      expect(typeof response.body.message).toBe("string");
      expect(await db.processedEvent.count()).toBe(0);
      const rows = await purchaseRows(purchaseId);
      expect(rows.purchase.status).toBe("PENDING");
      expect(rows.memberships).toHaveLength(0);
    },
  );

  it.each([
    [
      "an event without data",
      { id: "evt_no_data", object: "event", type: "checkout.session.completed" },
    ],
    ["an event without an id", { object: "event", type: "customer.created", data: { object: {} } }],
    ["JSON null", null],
  ])("answers a correctly signed body that is %s with 400, not 500", async (_name, body) => {
    const rawBody = JSON.stringify(body);
    const response = await deliverStripeEvent(
      {},
      { rawBody, signature: stripeSignature(rawBody, { secret: WEBHOOK_SECRET }) },
    );
    expect(response.status).toBe(400);
    expect(response.body).toHaveProperty("details");
    expect(await db.processedEvent.count()).toBe(0);
  });

  it("accepts the same event signed 290 s ago, inside Stripe's tolerance", async () => {
    const { purchaseId, orderId } = await pendingStripeOrderScenario();
    const response = await deliverStripeEvent(completed(orderId), {
      timestamp: Math.floor(Date.now() / 1000) - 290,
    });
    expect(response.status).toBe(200);
    expect((await purchaseRows(purchaseId)).purchase.status).toBe("SUCCEEDED");
  });
});
