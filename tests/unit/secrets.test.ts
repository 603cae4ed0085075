import { createHash } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  decryptSecret,
  encryptSecret,
  encryptionKeyFingerprint,
  generateWebhookSecret,
  secretsEqual,
} from "@/lib/security/secrets";

// The real timingSafeEqual, watched: the test sees which buffers the comparison is made over.
const timingSafeEqual = vi.hoisted(() => ({ calls: [] as [Buffer, Buffer][] }));
vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return {
    ...actual,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      timingSafeEqual.calls.push([Buffer.from(a as Buffer), Buffer.from(b as Buffer)]);
      return actual.timingSafeEqual(a, b);
    },
  };
});

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest();

describe("offering secrets", () => {
  it("generates distinct, long secrets", () => {
    const secrets = new Set(Array.from({ length: 50 }, generateWebhookSecret));
    expect(secrets.size).toBe(50);
    for (const secret of secrets) expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
  });

  it("encrypts at rest: the stored form is not the secret and round-trips", () => {
    const secret = generateWebhookSecret();
    const stored = encryptSecret(secret);
    expect(stored).not.toContain(secret.slice(6));
    expect(encryptSecret(secret)).not.toBe(stored); // a fresh IV every time
    expect(decryptSecret(stored)).toBe(secret);
  });

  it("refuses a tampered ciphertext", () => {
    const stored = encryptSecret("whsec_abc");
    const [version, iv, tag, ciphertext] = stored.split(":");
    const flipped = ciphertext.startsWith("A")
      ? `B${ciphertext.slice(1)}`
      : `A${ciphertext.slice(1)}`;
    expect(() => decryptSecret([version, iv, tag, flipped].join(":"))).toThrow();
    expect(() => decryptSecret("garbage")).toThrow("Unreadable secret");
  });

  it("decrypts with ENCRYPTION_KEY_PREVIOUS during a rotation, and encrypts with the new key", () => {
    const oldKey = "the-old-encryption-key-0123456789";
    const newKey = "the-new-encryption-key-9876543210";
    const underOld = encryptSecret("whsec_rotated", { current: oldKey });

    expect(() => decryptSecret(underOld, { current: newKey })).toThrow();
    expect(decryptSecret(underOld, { current: newKey, previous: oldKey })).toBe("whsec_rotated");

    const underNew = encryptSecret("whsec_fresh", { current: newKey, previous: oldKey });
    expect(decryptSecret(underNew, { current: newKey })).toBe("whsec_fresh");
    expect(() => decryptSecret(underNew, { current: oldKey })).toThrow();
    expect(() =>
      decryptSecret(underOld, { current: newKey, previous: "yet-another-key-000000" }),
    ).toThrow();
  });

  it("fingerprints a key without revealing it: the same key, the same fingerprint", () => {
    const key = "the-old-encryption-key-0123456789";
    expect(encryptionKeyFingerprint(key)).toBe(encryptionKeyFingerprint(key));
    expect(encryptionKeyFingerprint(key)).not.toBe(encryptionKeyFingerprint(`${key}!`));
    expect(encryptionKeyFingerprint(key)).toMatch(/^[\w-]{43}$/);
    expect(encryptionKeyFingerprint(key)).not.toContain(key.slice(0, 8));
  });

  it("tells equal secrets from different ones, whatever the lengths", () => {
    expect(secretsEqual("whsec_same", "whsec_same")).toBe(true);
    expect(secretsEqual("whsec_same", "whsec_sam")).toBe(false);
    expect(secretsEqual("", "whsec_same")).toBe(false);
    expect(secretsEqual("whsec_SAME", "whsec_same")).toBe(false);
  });

  describe("goes through crypto.timingSafeEqual over SHA-256 digests", () => {
    beforeEach(() => {
      timingSafeEqual.calls.length = 0;
    });

    it.each([
      ["equal secrets", "whsec_same", "whsec_same"],
      ["same length, one byte differs", "whsec_SAME", "whsec_same"],
      ["a shorter guess", "whsec_sam", "whsec_same"],
      ["an empty guess", "", "whsec_same"],
      ["a much longer guess", "x".repeat(4096), "whsec_same"],
    ])("%s: one comparison of two 32-byte digests", (_case, given, expected) => {
      secretsEqual(given, expected);

      // No early return on length: every pair reaches the constant-time comparison, and always
      // over digests of the same size, so it never throws on unequal lengths either.
      expect(timingSafeEqual.calls).toHaveLength(1);
      const [[a, b]] = timingSafeEqual.calls;
      expect([a.length, b.length]).toEqual([32, 32]);
      expect(a.equals(sha256(given))).toBe(true);
      expect(b.equals(sha256(expected))).toBe(true);
    });
  });
});
