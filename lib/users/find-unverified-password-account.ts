import { db } from "@/lib/db";

/** An account that signed up with a password and has not confirmed its address yet. */
export async function findUnverifiedPasswordAccount({ email }: { email: string }) {
  return db.user.findFirst({
    where: { email, emailVerified: null, passwordHash: { not: null } },
    select: { id: true },
  });
}
