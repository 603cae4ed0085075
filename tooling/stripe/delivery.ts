/**
 * One Stripe webhook delivery as Stripe's HTTP request makes it: the serialised event, signed
 * when it is sent (Stripe re-signs every attempt; the tolerance is 300 s), with Stripe's headers.
 * Needs nothing from lib/, so Playwright specs can use it as well as the benchmarks.
 */
import Stripe from "stripe";

const signer = new Stripe("sk_test_delivery_signer");

/** The Stripe-Signature header for `payload` under `secret`, as Stripe computes it (now, unless told). */
export function stripeSignature(
  payload: string,
  { secret, timestamp }: { secret: string; timestamp?: number },
): string {
  return signer.webhooks.generateTestHeaderString({
    payload,
    secret,
    ...(timestamp === undefined ? {} : { timestamp }),
  });
}

/**
 * The headers Stripe sends with a delivery; no Stripe-Signature when `signature` is null.
 * `identity` encoding, because fetch would otherwise ask for a gzipped 60-byte reply.
 */
export function stripeDeliveryHeaders(signature: string | null): Record<string, string> {
  return {
    accept: "*/*; q=0.5, application/xml",
    "accept-encoding": "identity",
    "cache-control": "no-cache",
    "content-type": "application/json; charset=utf-8",
    ...(signature === null ? {} : { "stripe-signature": signature }),
    "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
  };
}

export type StripeDeliveryRequest = {
  path: string;
  headers: Record<string, string>;
  body: string;
};

/** A POST of `payload` to the app's Stripe webhook, signed now with `secret`. */
export function signedStripeDelivery(payload: string, secret: string): StripeDeliveryRequest {
  const headers = stripeDeliveryHeaders(stripeSignature(payload, { secret }));
  return { path: "/api/webhooks/stripe", headers, body: payload };
}
