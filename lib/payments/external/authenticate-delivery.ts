import Stripe from "stripe";
import { Webhook } from "standardwebhooks";
import { queryPrepared } from "@/lib/db";
import { AppError } from "@/lib/errors";
import {
  matchesOfferingSecret,
  secretFromHeaders,
  secretsInEffect,
  type OfferingSecrets,
} from "@/lib/offerings/verify-webhook-secret";
import type { DeliveryOffering } from "@/lib/payments/external/apply-delivery";
import { consumeLimit, firstLimited, throwIfLimited } from "@/lib/security/rate-limit";
import { decryptSecret } from "@/lib/security/secrets";

export type DeliveryScheme = "secret" | "stripe-signature" | "standard-webhooks";

/** How the delivery proved itself, and the terms of the offering it is for. */
export type AuthenticatedDelivery = { scheme: DeliveryScheme; offering: DeliveryOffering };

/** The offering's terms a delivery is applied with. */
export const deliveryOfferingFields = {
  id: true,
  priceAmount: true,
  currency: true,
  pricingType: true,
  acceptsDiscounts: true,
} as const;

/**
 * Who may post to an offering's webhook: whoever holds its secret, sent as a header
 * (`x-offering-secret` / `Authorization: Bearer`) or used to sign the body the Standard Webhooks
 * way (`webhook-id`, `webhook-timestamp`, `webhook-signature`, 5 minutes' tolerance), or Stripe
 * itself, whose `Stripe-Signature` is checked with the signing secret the admin pasted onto
 * the offering (Stripe cannot send custom headers). Unknown offering → 404; otherwise → 401, or
 * 429 once too many deliveries failed (see countFailedAuthentication).
 *
 * Every delivery is verified, even from an address over its limit: verifying costs one indexed
 * read and an HMAC, and it is the only way to know that a delivery is valid, which must never be
 * throttled. Only failures are counted, so valid traffic never touches the limiter at all.
 */
export async function authenticateDelivery(
  offeringId: string,
  headers: Headers,
  rawBody: string,
  clientAddress: string | null = null,
): Promise<AuthenticatedDelivery> {
  try {
    return await verifyDelivery(offeringId, headers, rawBody);
  } catch (error) {
    if (error instanceof AppError && error.code === "unauthorized") {
      await countFailedAuthentication(offeringId, clientAddress);
    }
    throw error;
  }
}

/**
 * Counts a failed authentication per offering and per (offering, client address); past either
 * limit the refusal is a 429 with the seconds to wait. Without an address (no proxy header) only
 * the offering's count applies, with its higher limit.
 */
async function countFailedAuthentication(offeringId: string, clientAddress: string | null) {
  const verdicts = await Promise.all([
    consumeLimit("webhook-auth-failures-per-offering", offeringId),
    ...(clientAddress
      ? [consumeLimit("webhook-auth-failures-per-address", `${offeringId}:${clientAddress}`)]
      : []),
  ]);
  throwIfLimited(
    firstLimited(verdicts),
    "Too many deliveries to this offering failed authentication. Wait, then send them with the offering's current secret.",
  );
}

/**
 * One read, on every delivery, for the secrets and the terms the delivery is applied with. The
 * expiry is a UTC timestamp without zone (Prisma's), read as one with a zone so that pg does not
 * take it for the server process's local time.
 */
const FIND_DELIVERY_OFFERING = `
  SELECT id, "priceAmount", currency, "pricingType"::text AS "pricingType", "acceptsDiscounts", "webhookSecret", "previousWebhookSecret",
    "previousSecretExpiresAt" AT TIME ZONE 'UTC' AS "previousSecretExpiresAt", "stripeSigningSecret"
  FROM "Offering" WHERE id = $1`;

async function verifyDelivery(
  offeringId: string,
  headers: Headers,
  rawBody: string,
): Promise<AuthenticatedDelivery> {
  const [offering] = await queryPrepared<
    DeliveryOffering & OfferingSecrets & { stripeSigningSecret: string | null }
  >("find_delivery_offering", FIND_DELIVERY_OFFERING, [offeringId]);
  if (!offering) throw new AppError("not_found", "No offering has this id.");
  const { id, priceAmount, currency, pricingType, acceptsDiscounts } = offering;
  const terms = { id, priceAmount, currency, pricingType, acceptsDiscounts };
  const secret = secretFromHeaders(headers);
  if (secret) {
    if (!matchesOfferingSecret(secret, offering))
      throw new AppError("unauthorized", "The offering secret is not valid.");
    return { scheme: "secret", offering: terms };
  }
  if (headers.get("webhook-signature")) {
    const secrets = secretsInEffect(offering);
    const standard = {
      "webhook-id": headers.get("webhook-id") ?? "",
      "webhook-timestamp": headers.get("webhook-timestamp") ?? "",
      "webhook-signature": headers.get("webhook-signature") ?? "",
    };
    const verified = secrets.map((stored) =>
      verifies(() =>
        new Webhook(decryptSecret(stored), { format: "raw" }).verify(rawBody, standard),
      ),
    );
    if (!verified.includes(true)) {
      throw new AppError(
        "unauthorized",
        "The Standard Webhooks signature does not verify with this offering's secret (or is older than 5 minutes).",
      );
    }
    return { scheme: "standard-webhooks", offering: terms };
  }
  const stripeSignature = headers.get("stripe-signature");
  if (stripeSignature) {
    if (!offering.stripeSigningSecret) {
      throw new AppError(
        "unauthorized",
        "A Stripe-Signature came, but this offering has no Stripe signing secret: paste the endpoint's whsec_… on the offering's admin page.",
      );
    }
    const signingSecret = decryptSecret(offering.stripeSigningSecret);
    if (!verifies(() => Stripe.webhooks.constructEvent(rawBody, stripeSignature, signingSecret))) {
      throw new AppError(
        "unauthorized",
        "The Stripe-Signature does not verify with the offering's Stripe signing secret.",
      );
    }
    return { scheme: "stripe-signature", offering: terms };
  }
  throw new AppError(
    "unauthorized",
    "Send the offering's secret (x-offering-secret or Authorization: Bearer), a Standard Webhooks signature, or a Stripe-Signature.",
  );
}

function verifies(check: () => unknown): boolean {
  try {
    check();
    return true;
  } catch {
    return false;
  }
}
