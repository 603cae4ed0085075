import { describe, expect, it } from "vitest";
import { REDACTED, redactSecrets } from "@/lib/security/redact-secrets";

describe("redactSecrets", () => {
  it("replaces credential-like fields at any depth and keeps the rest", () => {
    const payload = {
      id: "evt_1",
      data: {
        object: {
          id: "cs_1",
          client_secret: "cs_1_secret_abc",
          amount_total: 4900,
          metadata: { orderId: "o_1", api_key: "sk_live_x" },
          list: [{ access_token: "t" }, { password: "p", name: "n" }],
          idempotency_key: "k",
          signature: null,
        },
      },
    };
    expect(redactSecrets(payload)).toEqual({
      id: "evt_1",
      data: {
        object: {
          id: "cs_1",
          client_secret: REDACTED,
          amount_total: 4900,
          metadata: { orderId: "o_1", api_key: REDACTED },
          list: [{ access_token: REDACTED }, { password: REDACTED, name: "n" }],
          idempotency_key: "k",
          signature: null,
        },
      },
    });
    expect(JSON.stringify(redactSecrets(payload))).not.toMatch(/secret_abc|sk_live/);
  });
});
