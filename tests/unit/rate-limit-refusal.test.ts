/**
 * Next builds route handlers and server actions into separate bundles, each with its own copy of
 * rate-limiter-flexible, while the limiters are shared on globalThis. A refusal from one copy's
 * limiter must still count as a refusal in the other copy's code.
 */
import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import * as library from "rate-limiter-flexible";
import { isLimiterRefusal } from "@/lib/security/limiter-refusal";
import { consumeLimit } from "@/lib/security/rate-limit";

type Library = typeof library;

/** A second, separately loaded copy of the library, as another bundle holds one. */
function anotherCopyOfTheLibrary(): Library {
  const require = createRequire(import.meta.url);
  const packageDir = `${require.resolve("rate-limiter-flexible").replace(/index\.js$/, "")}`;
  const saved = Object.keys(require.cache).filter((key) => key.startsWith(packageDir));
  const originals = new Map(saved.map((key) => [key, require.cache[key]]));
  for (const key of saved) delete require.cache[key];
  try {
    return require("rate-limiter-flexible") as Library;
  } finally {
    for (const [key, module] of originals) require.cache[key] = module;
  }
}

const shared = globalThis as unknown as { rateLimiters?: Map<string, unknown> };
const savedLimiters = shared.rateLimiters;
afterEach(() => {
  shared.rateLimiters = savedLimiters;
});

describe("a refusal from another copy of rate-limiter-flexible", () => {
  it("is recognized by its shape, not its class", () => {
    const other = anotherCopyOfTheLibrary();
    expect(other.RateLimiterRes).not.toBe(library.RateLimiterRes);
    const refusal = new other.RateLimiterRes(0, 42_000, 21, false);
    expect(refusal instanceof library.RateLimiterRes).toBe(false);
    expect(isLimiterRefusal(refusal)).toBe(true);
    expect(isLimiterRefusal(new library.RateLimiterRes(0, 1_000, 3))).toBe(true);
    expect(isLimiterRefusal({ msBeforeNext: 1_000, consumedPoints: 3 })).toBe(true);
  });

  it("is not confused with a store failure or anything else", () => {
    const failure = Object.assign(new Error("connect ECONNREFUSED"), {
      msBeforeNext: 0,
      consumedPoints: 0,
    });
    for (const value of [failure, new Error("boom"), null, undefined, "refused", 42, {}]) {
      expect(isLimiterRefusal(value)).toBe(false);
    }
    expect(isLimiterRefusal({ msBeforeNext: "1000", consumedPoints: 3 })).toBe(false);
    expect(isLimiterRefusal({ msBeforeNext: Number.NaN, consumedPoints: 3 })).toBe(false);
  });

  it("limits the 21st checkout start when the shared limiter was made by another bundle", async () => {
    const other = anotherCopyOfTheLibrary();
    const limiter = new other.RateLimiterMemory({
      keyPrefix: "checkout-starts-per-user",
      points: 20,
      duration: 60,
    });
    shared.rateLimiters = new Map([["checkout-starts-per-user", limiter]]);
    for (let i = 0; i < 20; i += 1) {
      expect(await consumeLimit("checkout-starts-per-user", "user-1")).toEqual({ limited: false });
    }
    const verdict = await consumeLimit("checkout-starts-per-user", "user-1");
    expect(verdict).toMatchObject({ limited: true, retryAfterSeconds: expect.any(Number) });
    expect(verdict.limited && verdict.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(verdict.limited && verdict.retryAfterSeconds).toBeLessThanOrEqual(60);
  });
});
