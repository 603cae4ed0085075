/**
 * Provider events carrying text PostgreSQL refuses (NUL, unpaired surrogates) are applied: the
 * signature is verified over the bytes as sent, then each such character is stored as U+FFFD,
 * and the buyer gets access as for any other payment. A signed body nested thousands deep is a
 * 400 with a clear error, and nesting real events use stays accepted.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { db } from "@/lib/db";
import { pendingPurchaseScenario } from "../../../tooling/seed/factories";
import { deeplyNested, LONE_SURROGATE, NUL } from "../../helpers/hostile-input";
import { postOfferingWebhook } from "../../helpers/offering-webhook";
import { resetDatabase } from "../../helpers/reset";
import {
  deliverStripeEvent,
  pendingStripeOrderScenario,
  purchaseRows,
  WEBHOOK_SECRET,
} from "../../helpers/stripe-webhook";
import { checkoutSession, stripeEvent, stripeSignature } from "../../../tooling/stripe";

beforeEach(resetDatabase);

const REPLACED = "\uFFFD";

/** A paid Checkout Session whose buyer's name and metadata hold NUL and a lone surrogate. */
function hostileCompletion(orderId: string, metadata: Record<string, string>) {
  const session = checkoutSession({
    orderId,
    metadata: { ...metadata, note: `a${NUL}b${LONE_SURROGATE}c` },
  });
  const details = session.customer_details as unknown as Record<string, unknown>;
  details.name = `Zoë${NUL}Null`;
  return stripeEvent("checkout.session.completed", session);
}

describe("Stripe events holding NUL or lone surrogates", () => {
  it("applies a paid checkout.session.completed whose customer name holds NUL, storing U+FFFD", async () => {
    const { user, community, purchaseId, orderId, metadata } = await pendingStripeOrderScenario();
    const event = hostileCompletion(orderId, metadata);

    const first = await deliverStripeEvent(event);
    const again = await deliverStripeEvent(event);

    expect(first).toEqual({
      status: 200,
      body: { received: true, duplicate: false, outcome: "processed" },
    });
    expect(again).toEqual({
      status: 200,
      body: { received: true, duplicate: true, outcome: "processed" },
    });
    const rows = await purchaseRows(purchaseId);
    expect(rows.purchase.status).toBe("SUCCEEDED");
    expect(rows.grants).toBe(1);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
    const stored = rows.events[0].payload as typeof event;
    const object = stored.data.object as unknown as {
      customer_details: { name: string };
      metadata: { note: string };
    };
    expect(object.customer_details.name).toBe(`Zoë${REPLACED}Null`);
    expect(object.metadata.note).toBe(`a${REPLACED}b${REPLACED}c`);
  });

  it("applies one through the general path too (an event of a type without a fast path)", async () => {
    const { purchaseId, orderId, metadata } = await pendingStripeOrderScenario();
    const session = checkoutSession({
      orderId,
      metadata: { ...metadata, note: NUL },
      status: "expired",
      paymentStatus: "unpaid",
    });
    const event = stripeEvent("checkout.session.expired", session);

    const answer = await deliverStripeEvent(event);

    expect(answer.status).toBe(200);
    const stored = await db.processedEvent.findFirstOrThrow({
      where: { providerEventId: event.id },
    });
    expect(stored.outcome).not.toBe("FAILED");
    expect(
      (stored.payload as { data: { object: { metadata: { note: string } } } }).data.object.metadata
        .note,
    ).toBe(REPLACED);
    expect((await purchaseRows(purchaseId)).purchase.status).not.toBe("SUCCEEDED");
  });

  it("records an unhandled event type whose id and keys hold NUL as ignored", async () => {
    const event = stripeEvent("customer.created", {
      id: `cus_${NUL}`,
      object: "customer",
      [`key${NUL}`]: LONE_SURROGATE,
    });
    const answer = await deliverStripeEvent(event);
    expect(answer).toEqual({
      status: 200,
      body: { received: true, duplicate: false, outcome: "ignored" },
    });
    const stored = await db.processedEvent.findFirstOrThrow({
      where: { providerEventId: event.id },
    });
    expect(stored.payload).toMatchObject({
      data: { object: { id: `cus_${REPLACED}`, [`key${REPLACED}`]: REPLACED } },
    });
  });
});

describe("Stripe events nested deep", () => {
  it("refuses a signed body nested 5,000 deep with 400 and a clear error, storing nothing", async () => {
    const { orderId } = await pendingStripeOrderScenario();
    const event = stripeEvent("checkout.session.completed", checkoutSession({ orderId }));
    const payload = JSON.stringify(event).replace(
      '"livemode":false',
      `"deep":${deeplyNested(5_000)},"livemode":false`,
    );

    const answer = await deliverStripeEvent(event, {
      rawBody: payload,
      signature: stripeSignature(payload, { secret: WEBHOOK_SECRET }),
    });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error: "invalid_json",
      message: expect.stringContaining("deeper than 64 levels"),
      details: { maxDepth: 64 },
    });
    expect(await db.processedEvent.count()).toBe(0);
  });

  it("accepts an event whose objects nest as deep as real ones (20 levels of expansions)", async () => {
    const { purchaseId, orderId, metadata } = await pendingStripeOrderScenario();
    const session = checkoutSession({ orderId, metadata }) as unknown as Record<string, unknown>;
    let nested: Record<string, unknown> = { id: "prod_deep" };
    for (let level = 0; level < 20; level += 1) nested = { object: "expanded", child: nested };
    session.line_items = nested;
    const answer = await deliverStripeEvent(stripeEvent("checkout.session.completed", session));
    expect(answer.status).toBe(200);
    expect((await purchaseRows(purchaseId)).purchase.status).toBe("SUCCEEDED");
  });
});

describe("offering webhook deliveries holding NUL or lone surrogates", () => {
  it("applies a paid delivery whose payment id holds NUL (fast path), storing U+FFFD", async () => {
    const { offering, user, community, purchaseId } = await pendingPurchaseScenario();
    const body = {
      status: "succeeded",
      purchase_id: purchaseId,
      payment_id: `pay${NUL}1`,
      amount: 4900,
      currency: "USD",
      note: LONE_SURROGATE,
    };

    const response = await postOfferingWebhook(offering.id, body, {
      secret: offering.webhookSecret,
    });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      received: true,
      duplicate: false,
      purchase_id: purchaseId,
    });
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
    const rows = await purchaseRows(purchaseId);
    expect(rows.orders.map((order) => order.providerCaptureId)).toEqual([`pay${REPLACED}1`]);
    expect(rows.events[0].payload).toMatchObject({ payment_id: `pay${REPLACED}1`, note: REPLACED });
  });

  it("applies one that names its buyer (general path) with NUL in its strings", async () => {
    const { offering, user, community, purchaseId } = await pendingPurchaseScenario();
    const body = {
      status: "succeeded",
      user_email: user.email,
      payment_id: `pay${NUL}2`,
      note: `x${NUL}`,
    };

    const response = await postOfferingWebhook(offering.id, body, {
      secret: offering.webhookSecret,
    });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ purchase_id: purchaseId, outcome: "processed" });
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
    const [event] = (await purchaseRows(purchaseId)).events;
    expect(event.providerEventId).toContain(`pay${REPLACED}2`);
    expect(event.payload).toMatchObject({ note: `x${REPLACED}` });
  });

  it("refuses a delivery nested 10,000 deep with 400, as any body", async () => {
    const { offering } = await pendingPurchaseScenario();
    const response = await postOfferingWebhook(offering.id, null, {
      secret: offering.webhookSecret,
      rawBody: deeplyNested(),
    });
    expect(response).toMatchObject({
      status: 400,
      body: { error: "invalid_json", details: { maxDepth: 64 } },
    });
  });
});
