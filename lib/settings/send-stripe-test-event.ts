import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { readBody, whyUnreachable } from "@/lib/offerings/send-test-delivery";
import { stripeWebhookSecrets } from "@/lib/stripe/client";

export const TEST_EVENT_TIMEOUT_MS = 10_000;

export type SendStripeTestEventOptions = { timeoutMs?: number };

export type StripeTestEventResult = { url: string; eventId: string; status: number; body: unknown };

/** A Stripe-shaped event of a type nothing handles: verified, recorded as ignored, changes nothing. */
function testEvent() {
  const id = `evt_test_${randomBytes(12).toString("hex")}`;
  return {
    id,
    object: "event",
    api_version: "2026-10-28.endive",
    created: Math.floor(Date.now() / 1000),
    data: { object: { object: "ping", message: "Test event from Settings → Integrations" } },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: "ping",
  };
}

/**
 * Send test event: signs a test event with the webhook secret in effect, exactly as Stripe signs
 * (the SDK's test header), posts it over HTTP to the app's own Stripe endpoint and reports what
 * came back, so an admin sees whether the endpoint and the secret work together.
 */
export async function sendStripeTestEvent({
  timeoutMs = TEST_EVENT_TIMEOUT_MS,
}: SendStripeTestEventOptions = {}): Promise<StripeTestEventResult> {
  const [secret] = await stripeWebhookSecrets();
  const url = `${appUrl()}/api/webhooks/stripe`;
  const event = testEvent();
  const payload = JSON.stringify(event, null, 2);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": signature },
      body: payload,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = readBody(await response.text());
    return { url, eventId: event.id, status: response.status, body };
  } catch (error) {
    throw new AppError(
      "provider_unavailable",
      `Could not reach ${url}: ${whyUnreachable(error, timeoutMs)}.`,
      { url },
    );
  }
}
