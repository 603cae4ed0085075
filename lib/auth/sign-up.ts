import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/users/password";
import { signUpBrowserProof } from "@/lib/auth/sign-up-browser";

export type SignUpOptions = { name: string; email: string; password: string };

/**
 * Creates an unverified account with role USER: an address confers nothing (not even a
 * configured admin role) until its owner opens the link we send it. For an address that already
 * has an account nothing changes, and the caller answers the same either way so that sign-up
 * does not reveal who has an account. The password is hashed first in both cases, so that the
 * answer takes as long whether or not the address is known. `browserProof` is the value of the
 * cookie that binds the confirmation link to this browser (lib/auth/sign-up-browser.ts).
 */
export async function signUp({ name, email, password }: SignUpOptions) {
  const passwordHash = await hashPassword(password);
  // ON CONFLICT rather than catching the unique violation: the embedded database (PGlite) drops
  // its one connection after an error, which would fail the next query.
  const [created] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "User" (id, name, email, "passwordHash", role, "updatedAt")
    VALUES (${randomUUID()}, ${name || null}, ${email}, ${passwordHash}, 'USER', now())
    ON CONFLICT (email) DO NOTHING
    RETURNING id`;
  if (created) {
    const browserProof = signUpBrowserProof({ userId: created.id, passwordHash });
    return { userId: created.id, created: true, browserProof };
  }
  const existing = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return { userId: existing.id, created: false, browserProof: signUpBrowserProof(null) };
}
