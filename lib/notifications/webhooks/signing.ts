/**
 * Standard Webhooks signing (the `standardwebhooks` library): an endpoint's secret is `whsec_`
 * and base64 bytes, as the spec and its libraries expect. During a rotation the message is signed
 * with both secrets, the signatures separated by a space, so receivers holding either verify it.
 */
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { decryptSecret } from "@/lib/security/secrets";

/** How long the previous secret keeps signing after a rotation. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 60 * 60 * 1000;

/** A new signing secret: 32 random bytes, base64 (not base64url: receivers' libraries decode it). */
export function generateEndpointSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

export type StoredEndpointSecrets = {
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
};

/** The secrets that sign now, decrypted: the current one, and the previous one until it expires. */
export function signingSecrets(endpoint: StoredEndpointSecrets, now = new Date()): string[] {
  const secrets = [decryptSecret(endpoint.secret)];
  if (
    endpoint.previousSecret &&
    endpoint.previousSecretExpiresAt &&
    endpoint.previousSecretExpiresAt > now
  ) {
    secrets.push(decryptSecret(endpoint.previousSecret));
  }
  return secrets;
}

export type SignedHeaders = {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
};

/** The three Standard Webhooks headers for `body`, sent as message `messageId` at `timestamp`. */
export function signWebhook(
  messageId: string,
  timestamp: Date,
  body: string,
  secrets: string[],
): SignedHeaders {
  const signatures = secrets.map((secret) => new Webhook(secret).sign(messageId, timestamp, body));
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}
