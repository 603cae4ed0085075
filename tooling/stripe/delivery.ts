/**
 * One Stripe webhook delivery as Stripe's HTTP request makes it: the serialised event, signed
 * when it is sent (Stripe re-signs every attempt; the tolerance is 300 s), with Stripe's headers.
 * Needs nothing from lib/, so Playwright specs can use it as well as the benchmarks.
 */
import Stripe from "stripe";

const signer = new Stripe("sk_test_delivery_signer");

export type StripeDeliveryRequest = {
  path: string;
  headers: Record<string, string>;
  body: string;
};

/** `identity` encoding, because fetch would otherwise ask for a gzipped 60-byte reply. */
export function signedStripeDelivery(payload: string, secret: string): StripeDeliveryRequest {
  const headers = {
    accept: "*/*; q=0.5, application/xml",
    "accept-encoding": "identity",
    "cache-control": "no-cache",
    "content-type": "application/json; charset=utf-8",
    "stripe-signature": signer.webhooks.generateTestHeaderString({ payload, secret }),
    "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
  };
  return { path: "/api/webhooks/stripe", headers, body: payload };
}
