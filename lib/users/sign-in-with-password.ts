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
 * A password sign-in with its failures limited per account (email) and per client address. An
 * account or address over its limit is refused before the password is checked, so guessing stops
 * there, a right guess included, until the window ends. Any address counts, with or without an
 * account, so the refusal says nothing about who has one. A successful sign-in clears the
 * account's failures; the address's stay.
 */
export async function signInWithPassword({
  email,
  password,
  clientAddress,
}: SignInWithPasswordOptions): Promise<SignInCheck> {
  const limited = firstLimited(
    await Promise.all([
      checkLimit("sign-in-failures-per-email", email),
      ...addressLimit(clientAddress, (address) =>
        checkLimit("sign-in-failures-per-address", address),
      ),
    ]),
  );
  if (limited.limited)
    return { status: "rate_limited", retryAfterSeconds: limited.retryAfterSeconds };

  const check = await authenticateWithPassword({ email, password });
  if (check.status === "wrong") {
    await Promise.all([
      consumeLimit("sign-in-failures-per-email", email),
      ...addressLimit(clientAddress, (address) =>
        consumeLimit("sign-in-failures-per-address", address),
      ),
    ]);
  }
  if (check.status === "ok") await resetLimit("sign-in-failures-per-email", email);
  return check;
}

function addressLimit(
  clientAddress: string | null,
  limit: (address: string) => Promise<LimitVerdict>,
): Promise<LimitVerdict>[] {
  return clientAddress ? [limit(clientAddress)] : [];
}
