/**
 * SSRF, in production mode (OUTGOING_WEBHOOKS_ALLOW_PRIVATE unset): endpoints at 127.0.0.1,
 * 10.0.0.1, 169.254.169.254, [::1] and names that resolve to loopback are refused when saved
 * (422) and again when the connection is made, by request-filtering-agent: that second check is
 * what stops a name that passed and later resolves to 127.0.0.1 (DNS rebinding). An IP literal
 * is refused before any packet leaves, so the private addresses here are never contacted.
 */
import type { LookupFunction } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createEndpoint } from "@/lib/notifications/webhooks/create-endpoint";
import { listEndpointDeliveries } from "@/lib/notifications/webhooks/list-endpoint-deliveries";
import { postWebhook, WEBHOOK_TIMEOUT_MS } from "@/lib/notifications/webhooks/post-webhook";
import { createWebhookChannel, webhookChannel } from "@/lib/notifications/webhooks/webhook-channel";
import { checkEndpointUrl } from "@/lib/notifications/webhooks/url-policy";
import { encryptSecret } from "@/lib/security/secrets";
import { generateEndpointSecret } from "@/lib/notifications/webhooks/signing";
import { makeUser } from "../../../tooling/seed/factories";
import {
  deliverDue,
  dispatchMessage,
  startReceiver,
  type Receiver,
} from "../../helpers/outgoing-webhooks";
import { resetDatabase } from "../../helpers/reset";

const strict = { allowPrivate: false };
let receiver: Receiver;
let actorId = "";

/** A resolver that answers `address` for every name: a name the test maps, or a rebinding. */
const resolvesTo = (address: string) => async () => [address];
const lookupTo =
  (address: string): LookupFunction =>
  (_hostname, options, callback) => {
    const family = address.includes(":") ? 6 : 4;
    if ((options as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address, family },
      ]);
    } else callback(null, address, family);
  };

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  receiver = await startReceiver();
});

afterAll(async () => {
  await receiver.close();
});

beforeEach(async () => {
  await resetDatabase();
  actorId = (await makeUser({ role: "ADMIN" })).id;
});

describe("when an endpoint is saved", () => {
  const refused = [
    "https://127.0.0.1/hooks",
    "https://10.0.0.1/hooks",
    "https://169.254.169.254/latest/meta-data/",
    "https://[::1]/hooks",
    "https://[::ffff:127.0.0.1]/hooks",
    "https://2130706433/hooks", // 127.0.0.1 written as one number
    "https://localhost/hooks",
    "https://0.0.0.0/hooks",
  ];

  for (const url of refused) {
    it(`refuses ${url} with a 422 on the URL field`, async () => {
      const error = await refusal(
        createEndpoint({ actorId, input: { url, description: "", eventTypes: [], enabled: true } }),
      );
      expect(error.code).toBe("validation_failed");
      expect(error.status).toBe(422);
      expect((error.details.fields as { url: string }).url).toMatch(
        /loopback, private, link-local or reserved address/,
      );
    });
  }

  it("refuses a name that resolves to loopback, and plain http", async () => {
    const mapped = await refusal(
      checkEndpointUrl("https://hooks.seller.test/in", strict, resolvesTo("127.0.0.1")),
    );
    expect(mapped.message).toContain("hooks.seller.test resolves to 127.0.0.1");
    const http = await refusal(
      checkEndpointUrl("http://hooks.seller.test/in", strict, resolvesTo("93.184.216.34")),
    );
    expect(http.message).toBe("The URL must start with https://.");
    await expect(
      checkEndpointUrl("https://hooks.seller.test/in", strict, resolvesTo("93.184.216.34")),
    ).resolves.toBe("https://hooks.seller.test/in");
    expect(await db.webhookEndpoint.count()).toBe(0);
  });

  it("takes local receivers when OUTGOING_WEBHOOKS_ALLOW_PRIVATE=on", async () => {
    await expect(
      checkEndpointUrl("http://127.0.0.1:8080/hooks", { allowPrivate: true }),
    ).resolves.toBe("http://127.0.0.1:8080/hooks");
    await expect(checkEndpointUrl("ftp://127.0.0.1/hooks", { allowPrivate: true })).rejects.toThrow(
      "https://",
    );
  });
});

describe("when the connection is made", () => {
  const post = (url: string, lookup?: LookupFunction) =>
    postWebhook({ url, body: "{}", headers: {}, policy: strict, lookup });
  const port = () => new URL(receiver.url).port;

  for (const url of [
    "https://127.0.0.1/hooks",
    "https://10.0.0.1/hooks",
    "https://169.254.169.254/latest/meta-data/",
    "https://[::1]/hooks",
  ]) {
    it(`refuses ${url} before connecting`, async () => {
      const result = await post(url);
      expect(result.status).toBeUndefined();
      expect(result.error).toMatch(/^Refused: .* is a loopback, private, link-local or reserved/);
    });
  }

  it("refuses names that resolve to loopback: localhost, and a rebound name", async () => {
    const before = receiver.received.length;
    expect((await post(`https://localhost:${port()}/hooks`)).error).toMatch(
      /^Refused: 127\.0\.0\.1|^Refused: ::1/,
    );
    // Public when saved, loopback when connecting: the agent checks the address actually used.
    const rebound = await post(`https://hooks.seller.test:${port()}/hooks`, lookupTo("127.0.0.1"));
    expect(rebound.error).toMatch(/^Refused: 127\.0\.0\.1 /);
    expect(receiver.received.length).toBe(before);
  });

  it("never delivers to a stored private endpoint: http refused, https to loopback refused", async () => {
    const channel = createWebhookChannel({ policy: () => strict });
    for (const url of [receiver.url, receiver.url.replace("http:", "https:")]) {
      await db.webhookEndpoint.create({
        data: { url, secret: encryptSecret(generateEndpointSecret()), eventTypes: [] },
      });
    }
    await dispatchMessage(channel, "purchase.completed", {});
    await deliverDue(channel, [60]);

    expect(receiver.received).toHaveLength(0);
    const endpoints = await db.webhookEndpoint.findMany({ orderBy: { url: "asc" } });
    const errors = [];
    for (const endpoint of endpoints) {
      const { deliveries } = await listEndpointDeliveries({ endpointId: endpoint.id });
      errors.push(deliveries[0]!.attemptLog[0]!.error);
      expect(endpoint.failingSince).not.toBeNull();
    }
    expect(errors).toEqual([
      "Refused: endpoint URLs must use https.",
      expect.stringMatching(/^Refused: 127\.0\.0\.1 is a loopback/),
    ]);
  });

  it("gives up on an answer after the timeout (10 s unless configured)", async () => {
    expect(WEBHOOK_TIMEOUT_MS).toBe(10_000);
    const { createServer } = await import("node:http");
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port: silentPort } = silent.address() as { port: number };
    const result = await postWebhook({
      url: `http://127.0.0.1:${silentPort}/`,
      body: "{}",
      headers: {},
      policy: { allowPrivate: true },
      timeoutMs: 300,
    });
    silent.closeAllConnections();
    silent.close();
    expect(result).toMatchObject({ error: "No complete answer within 0.3 s." });
    expect(result.latencyMs).toBeGreaterThanOrEqual(290);
    expect(webhookChannel.name).toBe("WEBHOOK");
  });
});
