/**
 * Per-address limits count the address the server saw, not the one a client writes in
 * X-Forwarded-For: rotating that header no longer buys unlimited wrong-secret deliveries to an
 * offering's webhook (20 failures a minute per address, then 429). The main e2e server plays
 * behind one load balancer (TRUSTED_PROXY_HOPS=1, scripts/e2e-server.ts): only the rightmost
 * entry, the one the balancer appends, names the client. An extra instance runs the default
 * (no trusted proxy): the socket's address.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import {
  extraInstancePort,
  newSharedSecrets,
  startAppInstance,
  type AppInstance,
} from "../helpers/app-instance";
import { prepareWebhookLoadFixture } from "../helpers/webhook-load-fixture";
import { e2eDatabaseUrl, e2eSideDatabaseUrl, queryDatabase } from "./database";

const PER_ADDRESS = 20;

async function offeringId(name: string): Promise<string> {
  const rows = await queryDatabase<{ id: string }>(
    e2eDatabaseUrl(),
    'SELECT id FROM "Offering" WHERE name = $1 LIMIT 1',
    [name],
  );
  expect(rows).toHaveLength(1);
  return rows[0].id;
}

/** A wrong-secret delivery with the given headers; its status. */
async function wrongSecret(
  request: APIRequestContext,
  url: string,
  headers: Record<string, string>,
): Promise<number> {
  const response = await request.post(url, {
    headers: { "content-type": "application/json", "x-offering-secret": "wrong", ...headers },
    data: JSON.stringify({ status: "succeeded", test: true }),
  });
  return response.status();
}

const statuses = (count: number, send: (index: number) => Promise<number>) =>
  Array.from({ length: count }, (_, index) => index).reduce<Promise<number[]>>(
    async (done, index) => [...(await done), await send(index)],
    Promise.resolve([]),
  );

test("behind one trusted proxy, rotating the client's part of X-Forwarded-For still gets 429 after 20 failures", async ({
  request,
}) => {
  const url = `/webhooks/offerings/${await offeringId("Starter Course")}`;
  const client = "198.51.100.77";
  const sent = await statuses(PER_ADDRESS + 5, (i) =>
    wrongSecret(request, url, {
      "x-forwarded-for": `10.${i}.0.1, 172.16.${i}.9, ${client}`,
      "x-client-address": `192.0.2.${i}`,
    }),
  );
  expect(sent.slice(0, PER_ADDRESS)).toEqual(Array(PER_ADDRESS).fill(401));
  expect(sent.slice(PER_ADDRESS)).toEqual(Array(5).fill(429));
  // Another client behind the same balancer is not held back by it.
  expect(await wrongSecret(request, url, { "x-forwarded-for": `${client}, 198.51.100.78` })).toBe(
    401,
  );
});

test.describe("with no trusted proxy (the default)", () => {
  let instance: AppInstance;
  let offeringUrl: string;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    // A database and secrets of its own, with one offering whose webhook secret they encrypt.
    const databaseUrl = e2eSideDatabaseUrl("client_address");
    const secrets = newSharedSecrets();
    const { offering } = await prepareWebhookLoadFixture({ databaseUrl, secrets, orders: 1 });
    instance = await startAppInstance({
      port: extraInstancePort(6),
      databaseUrl,
      secrets,
      env: { RECONCILE_SCHEDULE: "off", TRUSTED_PROXY_HOPS: undefined },
      logName: "e2e-client-address.log",
    });
    offeringUrl = `${instance.url}/webhooks/offerings/${offering.id}`;
  });

  test.afterAll(async () => {
    await instance?.stop();
  });

  test("rotating X-Forwarded-For (or the address header itself) still gets 429 after 20 failures", async ({
    request,
  }) => {
    const sent = await statuses(PER_ADDRESS + 5, (i) =>
      wrongSecret(request, offeringUrl, {
        "x-forwarded-for": `203.0.113.${i}`,
        "x-client-address": `192.0.2.${i}`,
      }),
    );
    expect(sent.slice(0, PER_ADDRESS)).toEqual(Array(PER_ADDRESS).fill(401));
    expect(sent.slice(PER_ADDRESS)).toEqual(Array(5).fill(429));
  });
});
