/**
 * Rate limits (rate-limiter-flexible). Their counts must be shared by every app instance, so on a
 * real PostgreSQL (DATABASE_POOL_SIZE > 1) they live in the `rate_limits` table (created by a
 * migration), reached through a small pool of their own so that a flood of refused requests never
 * takes the app's connections. The embedded database (PGlite) accepts one connection and serves a
 * single app instance anyway, so there the counts stay in that instance's memory.
 *
 * A limiter never turns a request into an error: when its store fails (database down), the
 * request goes on as if no limit existed, and a warning is logged.
 */
import { createHash } from "node:crypto";
import pg from "pg";
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { addressHandedOver } from "@/lib/security/client-address";
import { isLimiterRefusal, type LimiterRefusal } from "@/lib/security/limiter-refusal";

type Limit = {
  points: number;
  /** The window, in seconds. */
  duration: number;
  /**
   * Once a key is over its limit, this instance refuses it from memory until the window ends,
   * without asking the database: a flood then costs no query. Only a cache of a refusal the
   * shared store already decided; losing it changes nothing.
   */
  blockInMemory?: boolean;
};

export const limits = {
  // Offering webhook: failed authentications only (a valid delivery never counts or waits).
  "webhook-auth-failures-per-address": { points: 20, duration: 60, blockInMemory: true },
  "webhook-auth-failures-per-offering": { points: 300, duration: 60, blockInMemory: true },
  // Password sign-in (lib/users/sign-in-with-password.ts): failures per account from one address
  // and per address refuse; the account-wide ceiling only slows addresses it never signed in from.
  "sign-in-failures-per-account-and-address": { points: 10, duration: 15 * 60 },
  "sign-in-failures-per-address": { points: 50, duration: 15 * 60 },
  "sign-in-failures-per-account": { points: 100, duration: 15 * 60 },
  // Where each account signed in with its password (one point marks the address as known).
  "sign-in-successes-per-account-and-address": { points: 1, duration: 30 * 24 * 60 * 60 },
  // Checkout starts (Embedded Checkout sessions and Proceed to Payment), every attempt.
  "checkout-starts-per-user": { points: 20, duration: 60 },
} satisfies Record<string, Limit>;

export type LimitName = keyof typeof limits;

export type LimitVerdict = { limited: false } | { limited: true; retryAfterSeconds: number };

const TABLE = "rate_limits";
const MAX_KEY_LENGTH = 200; // the column holds 255 with the limit's prefix

const globalForLimits = globalThis as unknown as {
  rateLimiters?: Map<LimitName, RateLimiterAbstract>;
  rateLimitPool?: pg.Pool;
};

function sharedPool(): pg.Pool {
  if (!globalForLimits.rateLimitPool) {
    const pool = new pg.Pool({
      connectionString: getEnv().DATABASE_URL,
      max: 2,
      // A database that does not answer must not hold requests for ever: give up and let them
      // through. Generous, since a burst (50 sign-ins hashing at once) can starve the event loop
      // for seconds, and a limit that gave up under load would be no limit.
      connectionTimeoutMillis: 10_000,
      query_timeout: 10_000,
    });
    // An idle connection that breaks (database restarted) must not crash the process.
    // Its code and message only: pg attaches the whole client object to a pooled connection's error.
    pool.on("error", (error: Error & { code?: string }) =>
      logger.warn(
        { error_code: error.code, error_message: error.message },
        "rate limit store connection lost",
      ),
    );
    globalForLimits.rateLimitPool = pool;
  }
  return globalForLimits.rateLimitPool;
}

function limiter(name: LimitName): RateLimiterAbstract {
  const limiters = (globalForLimits.rateLimiters ??= new Map());
  const existing = limiters.get(name);
  if (existing) return existing;
  const { points, duration, ...rest } = limits[name] as Limit;
  const options = { keyPrefix: name, points, duration };
  const created =
    getEnv().DATABASE_POOL_SIZE > 1
      ? new RateLimiterPostgres({
          ...options,
          storeClient: sharedPool(),
          storeType: "pool",
          tableName: TABLE,
          tableCreated: true,
          // One limiter's timer clears expired rows of every limit: they share the table.
          clearExpiredByTimeout: limiters.size === 0,
          ...(rest.blockInMemory ? { inMemoryBlockOnConsumed: points + 1 } : {}),
        })
      : new RateLimiterMemory(options);
  limiters.set(name, created);
  return created;
}

/** Keys come from requests (addresses, emails): long ones are hashed to fit the column. */
function storedKey(key: string): string {
  return key.length <= MAX_KEY_LENGTH ? key : createHash("sha256").update(key).digest("hex");
}

function refused(result: LimiterRefusal): LimitVerdict {
  return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)) };
}

function failOpen(name: LimitName, error: unknown): LimitVerdict {
  logger.warn({ err: error, limit: name }, "rate limit store unavailable; request not limited");
  return { limited: false };
}

/** Counts one attempt for a key; limited once the attempts in the window exceed the limit. */
export async function consumeLimit(name: LimitName, key: string): Promise<LimitVerdict> {
  try {
    await limiter(name).consume(storedKey(key));
    return { limited: false };
  } catch (error) {
    // By shape: the limiter may come from another bundle's copy of the library.
    if (isLimiterRefusal(error)) return refused(error);
    return failOpen(name, error);
  }
}

/** Whether a key has used up its attempts for the window, without counting one. */
export async function checkLimit(name: LimitName, key: string): Promise<LimitVerdict> {
  try {
    const result = await limiter(name).get(storedKey(key));
    return result && result.consumedPoints >= limits[name].points
      ? refused(result)
      : { limited: false };
  } catch (error) {
    return failOpen(name, error);
  }
}

/** Forgets a key's attempts (a successful sign-in clears its account's failures). */
export async function resetLimit(name: LimitName, key: string): Promise<void> {
  try {
    await limiter(name).delete(storedKey(key));
  } catch (error) {
    failOpen(name, error);
  }
}

/** The first of several verdicts that refuses, or none. */
export function firstLimited(verdicts: LimitVerdict[]): LimitVerdict {
  return verdicts.find((verdict) => verdict.limited) ?? { limited: false };
}

/** Throws 429 `rate_limited` with `details.retryAfterSeconds` when the verdict refuses. */
export function throwIfLimited(verdict: LimitVerdict, message: string): void {
  if (verdict.limited) {
    throw new AppError("rate_limited", message, { retryAfterSeconds: verdict.retryAfterSeconds });
  }
}

/**
 * The client's address, as the app's HTTP server worked it out from the socket and
 * TRUSTED_PROXY_HOPS (lib/security/client-address.ts), or null. Never `X-Forwarded-For`, which
 * the client writes.
 */
export function clientAddressFrom(headers: Headers): string | null {
  return addressHandedOver(headers);
}
