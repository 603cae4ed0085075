import { db } from "@/lib/db";

export type ListReferredPeopleOptions = { referrerId: string; limit?: number };

/** "alice@example.com" → "a***@example.com": enough to recognise, not enough to contact. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "***";
  return `${email[0]}***${email.slice(at)}`;
}

/**
 * The people a referrer brought: buyers with a purchase attributed to them, each once, with
 * the date of their first such purchase, newest first. Addresses are masked.
 */
export async function listReferredPeople({ referrerId, limit = 100 }: ListReferredPeopleOptions) {
  const groups = await db.purchase.groupBy({
    by: ["userId"],
    where: { referrerId, userId: { not: referrerId } },
    _min: { createdAt: true },
    orderBy: { _min: { createdAt: "desc" } },
    take: limit,
  });
  const users = await db.user.findMany({
    where: { id: { in: groups.map((group) => group.userId) } },
    select: { id: true, email: true },
  });
  const emailById = new Map(users.map((user) => [user.id, user.email]));
  return groups.map((group) => ({
    userId: group.userId,
    maskedEmail: maskEmail(emailById.get(group.userId) ?? ""),
    firstPurchaseAt: group._min.createdAt,
  }));
}
