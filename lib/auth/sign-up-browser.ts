/**
 * Binds the link that confirms a password sign-up to the browser that signed up. Sign-up sets an
 * httpOnly cookie holding an HMAC of the new account and its password hash; the confirmation
 * keeps that password only when the link is opened with the cookie. Opened anywhere else (the
 * owner of an address that a stranger signed up with, say), the link proves the address but not
 * who chose the password, so the password is discarded (lib/users/confirm-email-ownership.ts).
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { EMAIL_LINK_MAX_AGE_SECONDS } from "@/lib/auth/email-links";
import { db } from "@/lib/db";
import { appUrl, getEnv } from "@/lib/env";

export const SIGN_UP_BROWSER_COOKIE = "sign-up-browser";

function proofFor(userId: string, passwordHash: string): string {
  return createHmac("sha256", getEnv().AUTH_SECRET)
    .update(`sign-up-browser:${userId}:${passwordHash}`)
    .digest("hex");
}

/**
 * The cookie's value for a sign-up: the proof for a new account, or random bytes of the same
 * shape for an address that had one already, so the answer looks the same either way.
 */
export function signUpBrowserProof(account: { userId: string; passwordHash: string } | null) {
  return account ? proofFor(account.userId, account.passwordHash) : randomBytes(32).toString("hex");
}

/** Sets the cookie in a server action's response; it lives as long as the link. */
export async function rememberSignUpBrowser(proof: string): Promise<void> {
  (await cookies()).set(SIGN_UP_BROWSER_COOKIE, proof, {
    httpOnly: true,
    sameSite: "lax",
    secure: appUrl().startsWith("https:"),
    path: "/api/auth/callback",
    maxAge: EMAIL_LINK_MAX_AGE_SECONDS,
  });
}

/** Whether the browser opening a confirmation link is the one that set the account's password. */
export async function isSignUpBrowser({
  userId,
  proof,
}: {
  userId: string;
  proof: string | undefined;
}): Promise<boolean> {
  if (!proof) return false;
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user?.passwordHash) return false;
  const expected = Buffer.from(proofFor(userId, user.passwordHash));
  const given = Buffer.from(proof);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
