import { listAccessTrail } from "@/lib/access/list-access-trail";
import { summarizeAccess } from "@/lib/access/summarize-access";
import { db } from "@/lib/db";

export type GetUserForAdminOptions = { userId: string; now?: Date };

/** A user with a very long history shows the newest of each; the page says so. */
const PURCHASE_LIMIT = 100;

/**
 * Everything an admin needs to answer "what does this user have, and why?": the user, their
 * purchases with each order, subscriptions, memberships and, per community, whether they have
 * access now and the access trail behind it. Null when there is no such user.
 */
export async function getUserForAdmin({ userId, now = new Date() }: GetUserForAdminOptions) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      plan: true,
      emailVerified: true,
      stripeCustomerId: true,
      stripeSubscriptionStatus: true,
      createdAt: true,
    },
  });
  if (!user) return null;
  const [purchases, subscriptions, memberships, trail] = await Promise.all([
    db.purchase.findMany({
      where: { userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: PURCHASE_LIMIT,
      select: {
        id: true,
        status: true,
        createdAt: true,
        accessGrantedAt: true,
        expiresAt: true,
        refundedAt: true,
        offering: { select: { id: true, name: true } },
        orders: {
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          select: {
            id: true,
            amount: true,
            currency: true,
            provider: true,
            status: true,
            refundedAmount: true,
            providerOrderId: true,
            providerCaptureId: true,
            providerInvoiceId: true,
            paidAt: true,
            createdAt: true,
          },
        },
      },
    }),
    db.subscription.findMany({
      where: { userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        status: true,
        stripeSubscriptionId: true,
        currentPeriodEnd: true,
        cancelAtPeriodEnd: true,
        endedAt: true,
        offering: { select: { name: true } },
      },
    }),
    db.membership.findMany({
      where: { userId },
      orderBy: [{ grantedAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        communityId: true,
        purchaseId: true,
        grantedAt: true,
        expiresAt: true,
        revokedAt: true,
        community: { select: { name: true } },
      },
    }),
    listAccessTrail({ userId }),
  ]);
  const flatMemberships = memberships.map(({ community, ...membership }) => ({
    ...membership,
    communityName: community.name,
  }));
  return {
    user,
    purchases,
    purchasesCapped: purchases.length === PURCHASE_LIMIT,
    subscriptions,
    memberships: flatMemberships,
    access: summarizeAccess(flatMemberships, trail, now),
  };
}

export type AdminUserDetail = NonNullable<Awaited<ReturnType<typeof getUserForAdmin>>>;
