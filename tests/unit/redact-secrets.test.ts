import { describe, expect, it } from "vitest";
import { logger, setLogDestination } from "@/lib/logger";
import { REDACTED, redactSecrets } from "@/lib/redact-secrets";

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

describe("one redaction list for stored payloads and log lines", () => {
  const secretNames = [
    "authorization",
    "Proxy-Authorization",
    "cookie",
    "set-cookie",
    "x-offering-secret",
    "stripe-signature",
    "webhook-signature",
    "client_secret",
    "webhookSecret",
    "password",
    "passwd",
    "newPassword",
    "access_token",
    "refreshToken",
    "api_key",
    "apiKey",
    "private_key",
    "encryptionKey",
    "signing_key",
    "credentials",
    "card_number",
    "cardNumber",
    "cvc",
    "cvv",
    "key",
  ];
  const plainNames = ["id", "event_id", "idempotency_key", "lookup_key", "amount_total", "status"];
  // Not credentials: an admin reads payloads on purpose, a log line never carries them.
  const logOnlyNames = ["payload", "body", "rawBody", "data", "card", "number", "exp_month"];
  const valued = (names: string[]) =>
    Object.fromEntries(names.map((name) => [name, `value-of-${name}`]));

  function logged(value: Record<string, unknown>): Record<string, unknown> {
    let line = "";
    setLogDestination({ write: (text: string) => void (line += text) });
    try {
      logger.info(value, "redaction");
    } finally {
      setLogDestination();
    }
    return JSON.parse(line) as Record<string, unknown>;
  }

  it("hides the same credential fields from an admin's payload view and from a log line", () => {
    const value = valued([...secretNames, ...plainNames]);
    const shown = redactSecrets(value) as Record<string, unknown>;
    const line = logged(value);
    for (const name of secretNames) {
      expect({ name, shown: shown[name], logged: line[name] }).toEqual({
        name,
        shown: REDACTED,
        logged: REDACTED,
      });
    }
    for (const name of plainNames) {
      expect({ name, shown: shown[name], logged: line[name] }).toEqual({
        name,
        shown: value[name],
        logged: value[name],
      });
    }
  });

  it("keeps whole payloads and card data out of log lines only", () => {
    const value = valued(logOnlyNames);
    expect(redactSecrets(value)).toEqual(value);
    const line = logged(value);
    for (const name of logOnlyNames) expect(line[name], name).toBe(REDACTED);
  });
});
