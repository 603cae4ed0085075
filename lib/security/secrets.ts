/**
 * Offering webhook secrets: generated at random, stored encrypted (AES-256-GCM, key derived from
 * ENCRYPTION_KEY) and compared in constant time. During a key rotation ENCRYPTION_KEY_PREVIOUS
 * still decrypts what the old key wrote, until `npm run secrets:reencrypt` has moved it over.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import { getEnv } from "@/lib/env";

const VERSION = "v1";
const FINGERPRINT_LABEL = "offerings-checkout/encryption-key-fingerprint/v1";

/** The key that encrypts, and the one a rotation is moving away from (decrypts only). */
export type Keyring = { current: string; previous?: string };

function configuredKeys(): Keyring {
  const env = getEnv();
  return { current: env.ENCRYPTION_KEY, previous: env.ENCRYPTION_KEY_PREVIOUS };
}

function derive(secret: string): Buffer {
  return createHash("sha256").update(secret).digest();
}

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64url")}`;
}

export function encryptSecret(plain: string, keys: Keyring = configuredKeys()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derive(keys.current), iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url"));
  return [VERSION, ...parts].join(":");
}

/** With the current key, else the previous one; throws when neither authenticates it. */
export function decryptSecret(stored: string, keys: Keyring = configuredKeys()): string {
  const [version, iv, tag, ciphertext] = stored.split(":");
  if (version !== VERSION || !iv || !tag || !ciphertext) throw new Error("Unreadable secret");
  const candidates = keys.previous ? [keys.current, keys.previous] : [keys.current];
  let failure: unknown;
  for (const candidate of candidates) {
    try {
      const decipher = createDecipheriv(
        "aes-256-gcm",
        derive(candidate),
        Buffer.from(iv, "base64url"),
      );
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, "base64url")),
        decipher.final(),
      ]).toString("utf8");
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

/**
 * Names a key without revealing it (an HMAC under the key of a fixed label): stored in the
 * database, so a server started with another key is stopped before it answers 500s.
 */
export function encryptionKeyFingerprint(secret: string): string {
  return createHmac("sha256", derive(secret)).update(FINGERPRINT_LABEL).digest("base64url");
}

/** Constant-time equality that also hides the length of the expected value. */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}
