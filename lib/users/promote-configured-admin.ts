import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";

export type PromoteConfiguredAdminOptions = { userId: string; email: string };

/** First admins come from ADMIN_EMAILS; nobody else can raise a role. */
export async function promoteConfiguredAdmin({ userId, email }: PromoteConfiguredAdminOptions) {
  if (!getEnv().ADMIN_EMAILS.includes(email.toLowerCase())) return;
  await db.user.update({ where: { id: userId }, data: { role: "ADMIN" } });
}
