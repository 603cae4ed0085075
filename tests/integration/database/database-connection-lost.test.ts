/**
 * A database connection that breaks in the middle of a transaction (network cut, failover) is a
 * transient failure like an unreachable database: 503 `database_unavailable`, so that a provider
 * retries, never a 500. The app reaches the test database through a TCP proxy the test cuts.
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { errorResponse } from "@/lib/errors";
import { setLogDestination } from "@/lib/logger";
import { testDatabaseUrl } from "../../../tooling/database/database-url";
import { makeUser } from "../../../tooling/seed/factories";
import { proxyTestDatabase, type TcpProxy } from "../../helpers/tcp-proxy";

let proxy: TcpProxy;

beforeAll(async () => {
  proxy = await proxyTestDatabase();
  setLogDestination({ write: () => {} });
});

afterEach(() => proxy.restore());

afterAll(async () => {
  setLogDestination();
  await proxy.close();
});

/** What the caller would be answered for a failure. */
async function answerFor(failure: unknown) {
  const response = errorResponse(failure);
  return { status: response.status, body: (await response.json()) as unknown };
}

const unavailable = {
  status: 503,
  body: {
    error: "database_unavailable",
    message: "The database is unavailable; try again shortly.",
    details: {},
  },
};

it("answers 503 when the connection breaks while a raw query runs", async () => {
  const failure = await db
    .$transaction(async (tx) => {
      const running = tx.$queryRaw`SELECT pg_sleep(2)::text AS slept`;
      setTimeout(() => void proxy.cut(), 200);
      await running;
    })
    .catch((error: unknown) => error);
  expect(await answerFor(failure)).toEqual(unavailable);
});

it("answers 503 when the connection breaks while a model query waits on a lock", async () => {
  const user = await makeUser();
  // Another session holds the row, so the update below is in flight when the link is cut.
  const holder = new pg.Client({ connectionString: testDatabaseUrl() });
  await holder.connect();
  try {
    await holder.query("BEGIN");
    await holder.query(`SELECT id FROM "User" WHERE id = $1 FOR UPDATE`, [user.id]);
    const failure = await db
      .$transaction(async (tx) => {
        const waiting = tx.user.update({ where: { id: user.id }, data: { name: "changed" } });
        setTimeout(() => void proxy.cut(), 200);
        await waiting;
      })
      .catch((error: unknown) => error);
    expect(await answerFor(failure)).toEqual(unavailable);
  } finally {
    await holder.query("ROLLBACK");
    await holder.end();
  }
  // Nothing was written: the transaction died with its connection.
  await proxy.restore();
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true } });
  expect(row.name).not.toBe("changed");
});

it("answers 503 when the connection broke between two queries of a transaction", async () => {
  const failure = await db
    .$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 AS one`;
      await proxy.cut();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await tx.$queryRaw`SELECT 2 AS two`;
    })
    .catch((error: unknown) => error);
  expect(await answerFor(failure)).toEqual(unavailable);
});

it("answers 503 while the database refuses connections, and serves again once it is back", async () => {
  await proxy.cut();
  const failure = await db.user.count().catch((error: unknown) => error);
  expect(await answerFor(failure)).toEqual(unavailable);
  await proxy.restore();
  expect(await db.user.count()).toBeGreaterThan(0);
});
