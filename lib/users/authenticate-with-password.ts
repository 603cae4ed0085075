import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/users/password";

export type AuthenticateWithPasswordOptions = { email: string; password: string };

export type PasswordCheck =
  | { status: "ok"; user: { id: string; email: string; name: string | null } }
  | { status: "unverified" }
  | { status: "wrong" };

// A bcrypt hash of a random string, compared against when there is no account (or no password),
// so that an unknown address costs the same bcrypt time as a known one.
const timingDummyHash = "$2b$10$JdJNe9ehGv7TDiBeSNb1BuVFIpDc46B53MPjJXZ37CPhj8RkBPQ4y";

/**
 * Checks an email and password. The answer never says which part was wrong, and takes one bcrypt
 * comparison either way. A correct password for an address nobody has verified yet is refused
 * with its own status, so the owner can be told to open the link (the password proves they set
 * it; it reveals nothing to anyone else).
 */
export async function authenticateWithPassword({
  email,
  password,
}: AuthenticateWithPasswordOptions): Promise<PasswordCheck> {
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, emailVerified: true },
  });
  const matches = await verifyPassword(password, user?.passwordHash ?? timingDummyHash);
  if (!user?.passwordHash || !matches) return { status: "wrong" };
  if (!user.emailVerified) return { status: "unverified" };
  return { status: "ok", user: { id: user.id, email: user.email, name: user.name } };
}
