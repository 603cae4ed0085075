import type { Tx } from "@/lib/db";
import type { SubscriptionStatus } from "@/lib/generated/prisma/client";

/** Which status speaks for a user with several subscriptions: the most alive one. */
const precedence: SubscriptionStatus[] = [
  "active",
  "trialing",
  "past_due",
  "unpaid",
  "paused",
  "incomplete",
  "canceled",
  "incomplete_expired",
];

/**
 * `plan` and `stripeSubscriptionStatus` are what sellers' own code reads: "pro" while any
 * subscription is active or trialing, "free" otherwise; the status of the most alive one.
 */
export async function refreshUserPlan(tx: Tx, userId: string) {
  const subscriptions = await tx.subscription.findMany({
    where: { userId },
    select: { status: true },
  });
  const statuses = new Set(subscriptions.map(({ status }) => status));
  const status = precedence.find((candidate) => statuses.has(candidate)) ?? null;
  const plan = statuses.has("active") || statuses.has("trialing") ? "pro" : "free";
  await tx.user.update({ where: { id: userId }, data: { plan, stripeSubscriptionStatus: status } });
  return { plan, status };
}
