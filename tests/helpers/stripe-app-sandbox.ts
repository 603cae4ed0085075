/**
 * The local Stripe sandbox standing in for Stripe behind the app's own Stripe client, for one
 * test file. It delivers no webhooks: a test that wants an event takes it from the sandbox's
 * event log and delivers it itself, when it wants.
 */
import Stripe from "stripe";
import { afterAll, beforeAll, expect } from "vitest";
import { captureCheckoutSession } from "@/lib/payments/stripe/capture-checkout-session";
import { startEmbeddedCheckout } from "@/lib/payments/stripe/start-embedded-checkout";
import { startStripeSandbox, type StripeSandbox } from "@offerings/stripe-sandbox";
import {
  embeddedOffering,
  makeCommunity,
  makeOffering,
  makeUser,
} from "../../tooling/seed/factories";
import { WEBHOOK_SECRET } from "./stripe-webhook";
import { submitEmbeddedCheckout } from "@offerings/stripe-sandbox/testing";

/** Starts the sandbox before the file's tests and points the app's Stripe client at it. */
export function setUpStripeSandbox() {
  let sandbox: StripeSandbox | undefined;
  let client: Stripe | undefined;

  beforeAll(async () => {
    sandbox = await startStripeSandbox({
      port: 0,
      webhookSecret: WEBHOOK_SECRET,
      retryScale: 0.001,
      asyncSettleMs: 50,
    });
    sandbox.setWebhookUrl(null);
    // The app reads its configuration lazily: set before its first Stripe call in this file.
    process.env.STRIPE_API_BASE = sandbox.url;
    client = new Stripe("sk_test_integration", { ...sandbox.sdkOptions });
  });

  afterAll(async () => {
    delete process.env.STRIPE_API_BASE;
    await sandbox?.close();
  });

  const started = () => {
    if (!sandbox || !client) throw new Error("the Stripe sandbox is not started yet");
    return { sandbox, client };
  };

  return {
    /** The running sandbox (its URL, clock and delivery switches). */
    get sandbox(): StripeSandbox {
      return started().sandbox;
    },

    /** An SDK client of our own, to look at what the sandbox holds. */
    get stripe(): Stripe {
      return started().client;
    },

    /** Pays a session on the sandbox's embedded form, as the buyer's browser does. */
    async pay(sessionId: string, cardNumber: string) {
      const { sandbox: running, client: stripe } = started();
      const session = await stripe.checkout.sessions.retrieve(sessionId);
      return submitEmbeddedCheckout(running.url, session, { cardNumber });
    },

    /** The event the sandbox recorded about an object, exactly as Stripe would send it. */
    async event(type: string, matches: (object: Record<string, unknown>) => boolean) {
      const events = await started().client.events.list({ type, limit: 100 });
      const event = events.data.find((candidate) =>
        matches(candidate.data.object as unknown as Record<string, unknown>),
      );
      if (!event) throw new Error(`the sandbox recorded no ${type} event for this object`);
      return event;
    },

    /** A buyer who started a checkout, paid it with 4242 and came back to the return page. */
    async paidPurchase() {
      const { community, offering } = await embeddedOffering();
      const user = await makeUser();
      const checkout = await startCheckout(user.id, offering.id);
      await this.pay(checkout.sessionId, "4242424242424242");
      const captured = await captureCheckoutSession({
        userId: user.id,
        sessionId: checkout.sessionId,
      });
      expect(captured.status).toBe("paid");
      return { community, offering, user, checkout };
    },
  };
}

/** startEmbeddedCheckout, when the test expects a session (not `hasAccess`). */
export async function startCheckout(userId: string, offeringId: string) {
  const started = await startEmbeddedCheckout({ userId, offeringId });
  if (!started.success) throw new Error("expected a checkout, got hasAccess");
  return started;
}

/** A recurring Stripe offering at $19 opening one community, on the given channel. */
export async function recurringOffering(
  channel: "STRIPE_EMBEDDED" | "STRIPE_PAYMENT_LINK" = "STRIPE_EMBEDDED",
  pricingType: "MONTHLY" | "YEARLY" = "MONTHLY",
) {
  const community = await makeCommunity("Members");
  const offering = await makeOffering({
    name: `${pricingType} members`,
    priceAmount: 1900,
    pricingType,
    channel,
    paymentLink: undefined,
    communityIds: [community.id],
  });
  return { community, offering };
}
