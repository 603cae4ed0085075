import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";

export type AuthenticateWithPasswordOptions = { email: string; password: string };

/** Returns the user when the password matches; null otherwise, without saying which part failed. */
export async function authenticateWithPassword({ email, password }: AuthenticateWithPasswordOptions) {
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  if (!user?.passwordHash) return null;
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  return { id: user.id, email: user.email, name: user.name };
}
