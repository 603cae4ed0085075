import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, generateWebhookSecret, secretsEqual } from "@/lib/security/secrets";

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
    const flipped = ciphertext.startsWith("A") ? `B${ciphertext.slice(1)}` : `A${ciphertext.slice(1)}`;
    expect(() => decryptSecret([version, iv, tag, flipped].join(":"))).toThrow();
    expect(() => decryptSecret("garbage")).toThrow("Unreadable secret");
  });

  it("compares in constant time, whatever the lengths", () => {
    expect(secretsEqual("whsec_same", "whsec_same")).toBe(true);
    expect(secretsEqual("whsec_same", "whsec_sam")).toBe(false);
    expect(secretsEqual("", "whsec_same")).toBe(false);
    expect(secretsEqual("whsec_SAME", "whsec_same")).toBe(false);
  });
});
