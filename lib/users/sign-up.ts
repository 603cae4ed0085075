import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { isUniqueViolation } from "@/lib/prisma-errors";

export type SignUpOptions = { name: string; email: string; password: string };

/**
 * Creates an unverified account with role USER: an address confers nothing (not even a
 * configured admin role) until its owner opens the link we send it. For an address that already
 * has an account nothing changes, and the caller answers the same either way so that sign-up
 * does not reveal who has an account. The password is hashed first in both cases, so that the
 * answer takes as long whether or not the address is known.
 */
export async function signUp({ name, email, password }: SignUpOptions) {
  const passwordHash = await hashPassword(password);
  try {
    const user = await db.user.create({
      data: { name: name || null, email, passwordHash, role: "USER", emailVerified: null },
      select: { id: true },
    });
    return { userId: user.id, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    return { userId: existing.id, created: false };
  }
}
