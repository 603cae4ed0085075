import { consumeLimit, throwIfLimited } from "@/lib/security/rate-limit";

export type LimitCheckoutStartsOptions = { userId: string };

/**
 * Counts one checkout start (an Embedded Checkout session, or Proceed to Payment) for a user, and
 * refuses it with 429 `rate_limited` past the limit: each start may call Stripe and write orders,
 * so a script must not be able to start them in a loop.
 */
export async function limitCheckoutStarts({ userId }: LimitCheckoutStartsOptions): Promise<void> {
  throwIfLimited(
    await consumeLimit("checkout-starts-per-user", userId),
    "You are starting checkouts too quickly. Wait a minute, then try again.",
  );
}
