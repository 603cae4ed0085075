/**
 * The Prisma client, on PostgreSQL through the pg driver adapter: one pool for the app's requests,
 * and, for background work that must not queue behind them, a pool of its own (withOwnPool).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { databaseReachable } from "@/lib/outage-log";

// Secrets are left out of every query unless one asks for them by name.
const omit = {
  user: { passwordHash: true },
  offering: { webhookSecret: true, previousWebhookSecret: true, stripeSigningSecret: true },
} satisfies Prisma.GlobalOmitConfig;

function createClient(pool: pg.Pool) {
  // Our own pool (rather than the adapter's) so that metrics can read its counters.
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return new PrismaClient({
    adapter,
    omit,
    // Bursts of webhook deliveries queue for a pooled connection; give them time to get one.
    transactionOptions: { maxWait: 20_000, timeout: 20_000 },
  });
}

type Client = ReturnType<typeof createClient>;
const globalForDb = globalThis as unknown as { prismaClient?: Client; prismaPool?: pg.Pool };

function createPool(max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: getEnv().DATABASE_URL, max });
  // An idle pooled connection that breaks (database restarted, network cut) makes the pool emit
  // "error", which ends the process if nobody listens. Prisma's adapter listens only once it
  // has connected, and silently; this one is there from the start and says so in the log. The
  // broken connection is already out of the pool, and the next query opens a new one.
  // (Its code and message only: pg attaches the whole client object to the error.)
  pool.on("error", (error: Error & { code?: string }) =>
    logger.warn(
      { error_code: error.code, error_message: error.message },
      "idle database connection lost",
    ),
  );
  // A new connection after an outage ends it in the log (lib/outage-log.ts).
  pool.on("connect", databaseReachable);
  return pool;
}

/** The client of the work under way: its own pool's inside withOwnPool, else the app's. */
const ownPool = new AsyncLocalStorage<Client>();

function client(): Client {
  const own = ownPool.getStore();
  if (own) return own;
  if (!globalForDb.prismaClient) {
    const pool = createPool(getEnv().DATABASE_POOL_SIZE);
    globalForDb.prismaClient = createClient(pool);
    globalForDb.prismaPool = pool;
  }
  return globalForDb.prismaClient;
}

/**
 * Runs `work` (and everything it starts) with `db` on a pool of `max` connections of its own.
 * For a background loop in the app's process, such as the outbox worker: on the app's pool its
 * queries would wait behind every request queued in a burst, and the burst's messages with them.
 * `close` ends the pool once the work is done.
 */
export function withOwnPool<T>(
  max: number,
  work: () => T,
): { result: T; close: () => Promise<void> } {
  const own = createClient(createPool(max));
  return { result: ownPool.run(own, work), close: () => own.$disconnect() };
}

export type DatabasePoolStats = { total: number; idle: number; waiting: number; max: number };

/** The connection pool's counters, or null before the first query made it. */
export function databasePoolStats(): DatabasePoolStats | null {
  const pool = globalForDb.prismaPool;
  if (!pool) return null;
  return {
    total: pool.totalCount,
    idle: pool.idleCount,
    waiting: pool.waitingCount,
    max: pool.options.max ?? 10,
  };
}

/** Created on first use, so importing this module needs no configuration. */
export const db: Client = new Proxy({} as Client, {
  get(_target, property) {
    const value = Reflect.get(client(), property);
    return typeof value === "function" ? value.bind(client()) : value;
  },
});

/**
 * One statement straight on the pool, prepared once per connection under `name`: for the few
 * hottest statements (a webhook's whole fulfilment is one), where Prisma's own cost per query
 * would be most of the work. Everything else goes through `db`.
 */
export async function queryPrepared<Row>(
  name: string,
  text: string,
  values: unknown[],
): Promise<Row[]> {
  client();
  const result = await globalForDb.prismaPool!.query<Row & pg.QueryResultRow>({
    name,
    text,
    values,
  });
  return result.rows;
}

export type Tx = Parameters<Parameters<Client["$transaction"]>[0]>[0];
