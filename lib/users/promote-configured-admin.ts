import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";

/**
 * First admins come from ADMIN_EMAILS, and only once the address is verified (see
 * confirm-email-ownership.ts); nobody can raise their own role.
 */
export function isConfiguredAdmin(email: string): boolean {
  return getEnv().ADMIN_EMAILS.includes(email.toLowerCase());
}

/** For accounts that a sign-in link created (verified by that link): a configured admin becomes one. */
export async function promoteConfiguredAdmin({ userId }: { userId: string }) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { email: true, emailVerified: true },
  });
  if (!user?.emailVerified || !isConfiguredAdmin(user.email)) return;
  await db.user.update({ where: { id: userId }, data: { role: "ADMIN" }, select: { id: true } });
}
