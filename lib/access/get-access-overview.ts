/**
 * The head of the billing page: what the user has now, in words a buyer reads. It counts
 * purchases with the one access rule (accessGivingPurchaseWhere), so the badge, the purchase
 * rows and checkout never disagree.
 */
import { db } from "@/lib/db";
import { accessGivingPurchaseWhere, activeMembershipWhere } from "@/lib/access/active-access";

export type AccessOverview = {
  plan: "pro" | "free";
  /** Purchases that give access now, subscriptions included. */
  purchasesWithAccess: number;
  /** Of those, subscriptions whose renewal is failing (past_due) but still paid for. */
  pastDueWithAccess: number;
  /** With no access now: when the last access ended (null: there never was any). */
  accessEndedAt: Date | null;
};

export async function getAccessOverview({ userId }: { userId: string }): Promise<AccessOverview> {
  const now = new Date();
  const withAccess = { userId, ...accessGivingPurchaseWhere(now) };
  const [user, purchasesWithAccess, pastDueWithAccess, active, ended] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { plan: true } }),
    db.purchase.count({ where: withAccess }),
    db.purchase.count({ where: { ...withAccess, subscription: { status: "past_due" } } }),
    db.membership.count({ where: { userId, ...activeMembershipWhere(now) } }),
    db.membership.findMany({ where: { userId }, select: { expiresAt: true, revokedAt: true } }),
  ]);
  const ends = ended.map(({ expiresAt, revokedAt }) => {
    const candidates = [revokedAt, expiresAt].filter((date): date is Date => date !== null);
    return Math.min(...candidates.map(Number));
  });
  const lastEnd = ends.filter(Number.isFinite).reduce((a, b) => Math.max(a, b), -Infinity);
  return {
    plan: user?.plan === "pro" ? "pro" : "free",
    purchasesWithAccess,
    pastDueWithAccess,
    accessEndedAt: active === 0 && Number.isFinite(lastEnd) ? new Date(lastEnd) : null,
  };
}

/** The plan badge's words: what the user has, not just the plan column. */
export function planLabel(overview: Omit<AccessOverview, "accessEndedAt">): string {
  if (overview.plan === "pro") return "Pro plan";
  if (overview.pastDueWithAccess > 0) return "Pro · past due";
  if (overview.purchasesWithAccess === 1) return "1 purchase with access";
  if (overview.purchasesWithAccess > 1)
    return `${overview.purchasesWithAccess} purchases with access`;
  return "Free plan";
}
