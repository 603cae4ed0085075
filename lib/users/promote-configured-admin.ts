import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";

/** First admins come from ADMIN_EMAILS; nobody can raise their own role. */
export function isConfiguredAdmin(email: string): boolean {
  return getEnv().ADMIN_EMAILS.includes(email.toLowerCase());
}

export type PromoteConfiguredAdminOptions = { userId: string; email: string };

/** For accounts created outside sign-up (magic links): promote a configured admin. */
export async function promoteConfiguredAdmin({ userId, email }: PromoteConfiguredAdminOptions) {
  if (!isConfiguredAdmin(email)) return;
  await db.user.update({ where: { id: userId }, data: { role: "ADMIN" } });
}
