import type { Tx } from "@/lib/db";
import type { SubscriptionStatus } from "@/lib/generated/prisma/client";

/**
 * `plan` and `stripeSubscriptionStatus` are what sellers' own code reads: "pro" while any
 * subscription is active or trialing, "free" otherwise; the status of the most alive one. The
 * rule is the SQL function refresh_user_plan (prisma/functions/), which the renewal fast paths
 * run too.
 */
export async function refreshUserPlan(tx: Tx, userId: string) {
  const [refreshed] = await tx.$queryRaw<
    { plan: "pro" | "free"; status: SubscriptionStatus | null }[]
  >`SELECT plan, status FROM refresh_user_plan(${userId})`;
  return refreshed;
}
