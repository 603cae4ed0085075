/**
 * The offering webhook understands what providers actually send: Stripe's event body, PayPal's
 * webhooks (built from their documented samples), authenticated by the offering secret, a
 * Stripe-Signature or a Standard Webhooks signature.
 */
import { Webhook } from "standardwebhooks";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { encryptSecret } from "@/lib/security/secrets";
import { pendingPurchaseScenario } from "../../../tooling/seed/factories";
import { postOfferingWebhook } from "../../helpers/offering-webhook";
import * as samples from "../../helpers/provider-samples";
import { resetDatabase } from "../../helpers/reset";
import {
  checkoutSession,
  refundedCharge,
  stripeEvent,
  stripeSignature,
} from "../../../tooling/stripe";

beforeEach(resetDatabase);

const statusOf = (purchaseId: string) =>
  db.purchase.findUniqueOrThrow({ where: { id: purchaseId } }).then((purchase) => purchase.status);

describe("Stripe's event body on the offering webhook", () => {
  it("checkout.session.completed pays the purchase named by client_reference_id; charge.refunded refunds it", async () => {
    const { offering, user, community, purchaseId } = await pendingPurchaseScenario();
    const session = checkoutSession({
      orderId: purchaseId,
      metadata: {},
      amount: 4900,
      currency: "usd",
      paymentIntent: "pi_stripe_format",
    });
    const paid = await postOfferingWebhook(
      offering.id,
      stripeEvent("checkout.session.completed", session),
      { secret: offering.webhookSecret },
    );
    expect(paid).toMatchObject({
      status: 200,
      body: { format: "stripe", outcome: "processed", purchase_id: purchaseId },
    });
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
    expect(await db.order.findFirstOrThrow({ where: { purchaseId } })).toMatchObject({
      status: "PAID",
      providerCaptureId: "pi_stripe_format",
    });

    const charge = refundedCharge({ paymentIntent: "pi_stripe_format", amount: 4900 });
    const refunded = await postOfferingWebhook(
      offering.id,
      stripeEvent("charge.refunded", charge),
      { secret: offering.webhookSecret },
    );
    expect(refunded).toMatchObject({
      status: 200,
      body: { outcome: "processed", purchase_id: purchaseId },
    });
    expect(await statusOf(purchaseId)).toBe("REFUNDED");
    expect(await hasCommunityAccess(user.id, community.id)).toBe(false);
  });

  it("an unpaid session (a delayed method) stays pending; a wrong amount is refused with 422", async () => {
    const { offering, purchaseId } = await pendingPurchaseScenario();
    const unpaid = checkoutSession({
      orderId: purchaseId,
      metadata: {},
      amount: 4900,
      currency: "usd",
      paymentStatus: "unpaid",
    });
    const pending = await postOfferingWebhook(
      offering.id,
      stripeEvent("checkout.session.completed", unpaid),
      { secret: offering.webhookSecret },
    );
    expect(pending).toMatchObject({ status: 200, body: { status: "pending" } });
    expect(await statusOf(purchaseId)).toBe("PENDING");

    const cheap = checkoutSession({
      orderId: purchaseId,
      metadata: {},
      amount: 100,
      currency: "usd",
    });
    const refused = await postOfferingWebhook(
      offering.id,
      stripeEvent("checkout.session.completed", cheap),
      { secret: offering.webhookSecret },
    );
    expect(refused).toMatchObject({ status: 422, body: { error: "amount_mismatch" } });
    expect(await statusOf(purchaseId)).toBe("PENDING");
  });

  it("finds the buyer by customer_details.email when the session names no purchase", async () => {
    const { offering, user, purchaseId } = await pendingPurchaseScenario();
    const session = checkoutSession({
      email: user.email,
      amount: 4900,
      currency: "usd",
    });
    const paid = await postOfferingWebhook(
      offering.id,
      stripeEvent("checkout.session.completed", session),
      { secret: offering.webhookSecret },
    );
    expect(paid).toMatchObject({ status: 200, body: { purchase_id: purchaseId } });
    expect(await statusOf(purchaseId)).toBe("SUCCEEDED");
  });

  it("authenticates by Stripe-Signature with the signing secret pasted on the offering, and only with it", async () => {
    const { offering, purchaseId } = await pendingPurchaseScenario();
    const body = JSON.stringify(
      stripeEvent(
        "checkout.session.completed",
        checkoutSession({
          orderId: purchaseId,
          metadata: {},
          amount: 4900,
          currency: "usd",
        }),
      ),
    );
    const sign = (secret: string) => stripeSignature(body, { secret });
    const post = (signature: string) =>
      postOfferingWebhook(offering.id, null, {
        rawBody: body,
        headers: { "stripe-signature": signature },
      });

    expect(await post(sign("whsec_offering_endpoint"))).toMatchObject({
      status: 401,
      body: { error: "unauthorized", message: expect.stringContaining("no Stripe signing secret") },
    });
    await db.offering.update({
      where: { id: offering.id },
      data: { stripeSigningSecret: encryptSecret("whsec_offering_endpoint") },
    });
    expect((await post(sign("whsec_somebody_else"))).status).toBe(401);
    expect(await statusOf(purchaseId)).toBe("PENDING");
    expect(await post(sign("whsec_offering_endpoint"))).toMatchObject({
      status: 200,
      body: { authenticated_by: "stripe-signature", outcome: "processed" },
    });
    expect(await statusOf(purchaseId)).toBe("SUCCEEDED");
  });
});

describe("PayPal's webhooks on the offering webhook", () => {
  it("PAYMENT.SALE.COMPLETED pays the purchase in `custom` (decimal amount in minor units); PAYMENT.SALE.REFUNDED refunds it", async () => {
    const { offering, user, community, purchaseId } = await pendingPurchaseScenario();
    const sale = samples.payPalSaleCompleted({
      custom: purchaseId,
      total: "49.00",
      currency: "USD",
    });
    expect(
      await postOfferingWebhook(offering.id, sale, { secret: offering.webhookSecret }),
    ).toMatchObject({ status: 200, body: { format: "paypal", outcome: "processed" } });
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
    expect(await db.order.findFirstOrThrow({ where: { purchaseId } })).toMatchObject({
      providerCaptureId: sale.resource.id,
      amount: 4900,
    });

    const refund = samples.payPalSaleRefunded({
      saleId: sale.resource.id,
      total: "49.00",
      currency: "USD",
    });
    expect(
      await postOfferingWebhook(offering.id, refund, { secret: offering.webhookSecret }),
    ).toMatchObject({ status: 200, body: { purchase_id: purchaseId } });
    expect(await statusOf(purchaseId)).toBe("REFUNDED");
  });

  it("PAYMENT.CAPTURE.COMPLETED in yen (no minor unit) pays; a wrong amount is refused; PAYMENT.CAPTURE.REFUNDED finds the capture through its `up` link", async () => {
    const { offering, purchaseId } = await pendingPurchaseScenario({
      priceAmount: 4900,
      currency: "jpy",
    });
    const wrong = samples.payPalCaptureCompleted({
      customId: purchaseId,
      value: "49",
      currencyCode: "JPY",
    });
    expect(
      await postOfferingWebhook(offering.id, wrong, { secret: offering.webhookSecret }),
    ).toMatchObject({ status: 422, body: { error: "amount_mismatch" } });
    const capture = samples.payPalCaptureCompleted({
      customId: purchaseId,
      value: "4900",
      currencyCode: "JPY",
    });
    expect(
      (await postOfferingWebhook(offering.id, capture, { secret: offering.webhookSecret })).status,
    ).toBe(200);
    expect(await statusOf(purchaseId)).toBe("SUCCEEDED");

    const refund = samples.payPalCaptureRefunded({
      captureId: capture.resource.id,
      value: "4900",
      currencyCode: "JPY",
    });
    expect(
      (await postOfferingWebhook(offering.id, refund, { secret: offering.webhookSecret })).status,
    ).toBe(200);
    expect(await statusOf(purchaseId)).toBe("REFUNDED");
  });

  it("BILLING.SUBSCRIPTION.CANCELLED ends renewal of a monthly purchase and keeps access to its period end", async () => {
    const { offering, user, community, purchaseId } = await pendingPurchaseScenario({
      pricingType: "MONTHLY",
    });
    await postOfferingWebhook(
      offering.id,
      samples.payPalSaleCompleted({ custom: purchaseId, total: "49.00", currency: "USD" }),
      { secret: offering.webhookSecret },
    );
    const cancelled = await postOfferingWebhook(
      offering.id,
      samples.payPalSubscriptionCancelled({ customId: purchaseId }),
      { secret: offering.webhookSecret },
    );
    expect(cancelled).toMatchObject({
      status: 200,
      body: { outcome: "processed", status: "canceled" },
    });
    const purchase = await db.purchase.findUniqueOrThrow({ where: { id: purchaseId } });
    expect(purchase.renewalCanceledAt).toBeInstanceOf(Date);
    expect(purchase.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 27 * 86_400_000);
    expect(await hasCommunityAccess(user.id, community.id)).toBe(true);
  });
});

describe("Standard Webhooks signatures and unknown bodies", () => {
  it("verifies webhook-id/-timestamp/-signature over the offering secret, with 5 minutes' tolerance", async () => {
    const { offering, purchaseId } = await pendingPurchaseScenario();
    const body = JSON.stringify({
      status: "succeeded",
      purchase_id: purchaseId,
      payment_id: "pay_std",
      amount: 4900,
      currency: "usd",
    });
    const signer = new Webhook(offering.webhookSecret, { format: "raw" });
    const post = (at: Date) =>
      postOfferingWebhook(offering.id, null, {
        rawBody: body,
        headers: {
          "webhook-id": "msg_1",
          "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
          "webhook-signature": signer.sign("msg_1", at, body),
        },
      });
    expect(await post(new Date(Date.now() - 6 * 60_000))).toMatchObject({
      status: 401,
      body: { error: "unauthorized" },
    });
    expect(await statusOf(purchaseId)).toBe("PENDING");
    expect(await post(new Date())).toMatchObject({
      status: 200,
      body: { authenticated_by: "standard-webhooks", outcome: "processed" },
    });
    expect(await statusOf(purchaseId)).toBe("SUCCEEDED");
  });

  it("answers 422 naming the understood formats for a body it cannot read", async () => {
    const { offering } = await pendingPurchaseScenario();
    const answer = await postOfferingWebhook(
      offering.id,
      { hello: "world" },
      { secret: offering.webhookSecret },
    );
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ error: "validation_failed" });
    const formats = (answer.body.details as { formats: string[] }).formats.join(" ");
    for (const name of ["our JSON", "Stripe event", "PayPal"]) expect(formats).toContain(name);
  });
});
