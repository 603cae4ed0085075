/**
 * rate-limiter-flexible rejects a `consume()` over the limit with a `RateLimiterRes`, and a store
 * failure with an Error. The limiters live on `globalThis`, shared by every bundle Next builds
 * (route handlers, server actions, pages), and each bundle has its own copy of the library: a
 * refusal made by one bundle's limiter is no `instanceof` the other bundle's `RateLimiterRes`. So
 * a refusal is told by its shape, never by its class.
 */
export type LimiterRefusal = { msBeforeNext: number; consumedPoints: number };

/** An object (not an Error) with a numeric `msBeforeNext` and `consumedPoints`. */
export function isLimiterRefusal(value: unknown): value is LimiterRefusal {
  if (typeof value !== "object" || value === null || value instanceof Error) return false;
  const { msBeforeNext, consumedPoints } = value as Record<string, unknown>;
  return (
    typeof msBeforeNext === "number" &&
    Number.isFinite(msBeforeNext) &&
    typeof consumedPoints === "number" &&
    Number.isFinite(consumedPoints)
  );
}
