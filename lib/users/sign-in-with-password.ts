import { setTimeout as sleep } from "node:timers/promises";
import {
  checkLimit,
  consumeLimit,
  firstLimited,
  resetLimit,
  type LimitVerdict,
} from "@/lib/security/rate-limit";
import {
  authenticateWithPassword,
  type AuthenticateWithPasswordOptions,
  type PasswordCheck,
} from "@/lib/users/authenticate-with-password";

export type SignInWithPasswordOptions = AuthenticateWithPasswordOptions & {
  /** The client's address, when known: failures are also counted against it. */
  clientAddress: string | null;
};

export type SignInCheck = PasswordCheck | { status: "rate_limited"; retryAfterSeconds: number };

/**
 * How long a password check waits once an account is past its account-wide ceiling of failures,
 * unless it comes from an address the account signed in from before.
 */
export const SLOW_SIGN_IN_DELAY_MS = 3_000;

const notLimited: LimitVerdict = { limited: false };

/**
 * A password sign-in, throttled so that guessing stops without locking the owner out:
 *
 * - Failures for an account from one address (10 in 15 minutes), and from one address across
 *   accounts (50), refuse that address, the right password included, until the window ends.
 *   Any address counts, with or without an account, so a refusal says nothing about who has one.
 * - Failures for an account from every address together (100 in 15 minutes) never refuse: past
 *   that ceiling, a check from an address the account has not signed in from waits a few seconds
 *   first. Someone guessing from many addresses is slowed; the owner, from an address where they
 *   signed in before, goes in at once, and from a new one after the wait (or by emailed link).
 *
 * A successful sign-in clears its address's failures for the account and remembers the address.
 */
export async function signInWithPassword({
  email,
  password,
  clientAddress,
}: SignInWithPasswordOptions): Promise<SignInCheck> {
  const pair = `${email} ${clientAddress ?? "unknown"}`;
  const [fromPair, fromAddress, forAccount] = await Promise.all([
    checkLimit("sign-in-failures-per-account-and-address", pair),
    clientAddress ? checkLimit("sign-in-failures-per-address", clientAddress) : notLimited,
    checkLimit("sign-in-failures-per-account", email),
  ]);
  const limited = firstLimited([fromPair, fromAddress]);
  if (limited.limited)
    return { status: "rate_limited", retryAfterSeconds: limited.retryAfterSeconds };
  const knownAddress = forAccount.limited && (await isKnownAddress(pair, clientAddress));
  if (forAccount.limited && !knownAddress) await sleep(SLOW_SIGN_IN_DELAY_MS);

  const check = await authenticateWithPassword({ email, password });
  if (check.status === "wrong") {
    await Promise.all([
      consumeLimit("sign-in-failures-per-account-and-address", pair),
      consumeLimit("sign-in-failures-per-account", email),
      ...(clientAddress ? [consumeLimit("sign-in-failures-per-address", clientAddress)] : []),
    ]);
  }
  if (check.status === "ok") {
    await Promise.all([
      resetLimit("sign-in-failures-per-account-and-address", pair),
      // Past its one point the limit refuses quietly: a repeat changes nothing.
      clientAddress && !knownAddress
        ? consumeLimit("sign-in-successes-per-account-and-address", pair)
        : undefined,
    ]);
  }
  return check;
}

/** Whether the account signed in from this address with its password in the last 30 days. */
async function isKnownAddress(pair: string, clientAddress: string | null): Promise<boolean> {
  if (!clientAddress) return false;
  // The limit holds one success: "used up" means the address has one recorded.
  return (await checkLimit("sign-in-successes-per-account-and-address", pair)).limited;
}
