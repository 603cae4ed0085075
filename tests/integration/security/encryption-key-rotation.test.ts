/**
 * Issue 17, item 13: the database records which key its secrets are encrypted with (a
 * fingerprint), a server with another key is refused, and a rotation (ENCRYPTION_KEY_PREVIOUS,
 * then `npm run secrets:reencrypt`) moves every stored secret to the new key.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { rotateWebhookSecret } from "@/lib/offerings/rotate-webhook-secret";
import { setStripeSigningSecret } from "@/lib/offerings/set-stripe-signing-secret";
import { decryptSecret, type Keyring } from "@/lib/security/secrets";
import { checkEncryptionKey, ENCRYPTION_KEY_SETTING } from "@/lib/settings/encryption-key";
import { reencryptSecrets } from "@/lib/settings/reencrypt-secrets";
import { saveStripeSettings } from "@/lib/settings/save-stripe-settings";
import { makeOffering } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";

beforeEach(resetDatabase);

/** The key the tests' configuration encrypts with (vitest.config.ts). */
const OLD_KEY = process.env.ENCRYPTION_KEY!;
const NEW_KEY = "a-brand-new-encryption-key-0123456789";

/** Every ciphertext the database holds, by where it lives. */
async function storedCiphertexts(): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const offerings = await db.offering.findMany({
    select: {
      id: true,
      webhookSecret: true,
      previousWebhookSecret: true,
      stripeSigningSecret: true,
    },
  });
  for (const { id, ...columns } of offerings) {
    for (const [column, value] of Object.entries(columns)) {
      if (value !== null) found.set(`offering ${id} ${column}`, value);
    }
  }
  const settings = await db.setting.findUnique({ where: { key: "stripe" } });
  for (const [field, value] of Object.entries((settings?.value ?? {}) as Record<string, unknown>)) {
    if (typeof value === "string" && value.startsWith("v1:")) found.set(`stripe ${field}`, value);
  }
  return found;
}

function decryptAll(stored: Map<string, string>, keys: Keyring): Map<string, string> {
  return new Map([...stored].map(([where, value]) => [where, decryptSecret(value, keys)]));
}

/** Offerings with every kind of encrypted column filled, and saved Stripe settings. */
async function secretsUnderTheOldKey() {
  const first = await makeOffering({ name: "First" });
  await makeOffering({ name: "Second" });
  await rotateWebhookSecret({ offeringId: first.id, actorId: "test-admin" });
  await setStripeSigningSecret({
    offeringId: first.id,
    signingSecret: "whsec_offering_signing_123",
  });
  await saveStripeSettings({
    input: {
      webhookSecret: "whsec_saved_in_settings_123",
      secretKey: "sk_test_saved_in_settings_123",
      publishableKey: "pk_test_saved_in_settings_123",
    },
    actorId: "test-admin",
  });
  return first;
}

describe("the encryption key's fingerprint", () => {
  it("is recorded on the first start; the same key matches, another key is refused", async () => {
    await makeOffering();
    expect(await checkEncryptionKey()).toEqual({ status: "recorded" });
    expect(await checkEncryptionKey()).toEqual({ status: "matches" });

    const other = await checkEncryptionKey({ keys: { current: NEW_KEY } });
    expect(other).toMatchObject({ status: "mismatch" });
    expect(other.status === "mismatch" && other.message).toMatch(
      /^ENCRYPTION_KEY is not the key this database's secrets are encrypted with .*ENCRYPTION_KEY_PREVIOUS.*npm run secrets:reencrypt/,
    );
    const row = await db.setting.findUniqueOrThrow({ where: { key: ENCRYPTION_KEY_SETTING } });
    expect(JSON.stringify(row.value)).not.toContain(OLD_KEY);
  });

  it("on a database from before fingerprints, refuses a key that cannot read its secrets", async () => {
    const offering = await makeOffering();

    const wrong = await checkEncryptionKey({ keys: { current: NEW_KEY } });
    expect(wrong).toMatchObject({
      status: "mismatch",
      message: expect.stringContaining(`offering ${offering.id} webhookSecret`),
    });
    expect(await db.setting.findUnique({ where: { key: ENCRYPTION_KEY_SETTING } })).toBeNull();

    expect(await checkEncryptionKey()).toEqual({ status: "recorded" });
  });
});

describe("rotating the encryption key", () => {
  it("decrypts with the previous key, then secrets:reencrypt moves every stored secret to the new key", async () => {
    await secretsUnderTheOldKey();
    expect(await checkEncryptionKey()).toEqual({ status: "recorded" });
    const before = await storedCiphertexts();
    // 2 offering secrets, 1 previous (rotated), 1 signing secret; 3 settings + the previous one.
    expect(before.size).toBe(8);
    const plain = decryptAll(before, { current: OLD_KEY });

    // Step 1: the new key, with the old one as ENCRYPTION_KEY_PREVIOUS, starts and reads all.
    const rotating = { current: NEW_KEY, previous: OLD_KEY };
    expect(await checkEncryptionKey({ keys: rotating })).toEqual({ status: "previous" });
    expect(decryptAll(before, rotating)).toEqual(plain);

    // Step 2: secrets:reencrypt.
    expect(await reencryptSecrets({ keys: rotating })).toEqual({ reencrypted: 8 });

    const after = await storedCiphertexts();
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect(decryptAll(after, { current: NEW_KEY })).toEqual(plain);
    for (const value of after.values()) {
      expect(() => decryptSecret(value, { current: OLD_KEY })).toThrow();
    }
    // The fingerprint is the new key's: the old key alone is now refused.
    expect(await checkEncryptionKey({ keys: { current: NEW_KEY } })).toEqual({ status: "matches" });
    expect(await checkEncryptionKey({ keys: { current: OLD_KEY } })).toMatchObject({
      status: "mismatch",
    });
  });

  it("stops with nothing changed when a stored secret is under neither key", async () => {
    const offering = await makeOffering();
    const before = await storedCiphertexts();

    await expect(
      reencryptSecrets({ keys: { current: NEW_KEY, previous: "not-the-key-it-was-under-0000" } }),
    ).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining(`offering ${offering.id} webhookSecret`),
    });

    expect(await storedCiphertexts()).toEqual(before);
    expect(await db.setting.findUnique({ where: { key: ENCRYPTION_KEY_SETTING } })).toBeNull();
  });
});
