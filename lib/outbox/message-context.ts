/**
 * The rows a batch of messages is about, read once for the whole batch: the dispatcher builds
 * each message's payload from its subject (ids) and these (message-data.ts). A handful of
 * queries per batch, whatever its size and mix of types.
 */
import type { Tx } from "@/lib/db";

type Row<T> = Map<string, T>;

export type ContextOrder = {
  id: string;
  purchaseId: string;
  amount: number;
  currency: string;
  status: string;
  paidAt: Date | null;
};

export type MessageContext = {
  users: Row<{ id: string; email: string }>;
  offerings: Row<{
    id: string;
    name: string;
    pricingType: string;
    priceAmount: number;
    currency: string;
    communityIds: string[];
  }>;
  communities: Row<{ id: string; name: string }>;
  purchases: Row<{
    id: string;
    offeringId: string;
    expiresAt: Date | null;
    accessGrantedAt: Date | null;
    refundedAt: Date | null;
  }>;
  orders: Row<ContextOrder>;
  ordersByPurchase: Row<ContextOrder[]>;
  subscriptionsByPurchase: Row<{ id: string; paymentFailure: string | null }>;
  commissions: Row<{
    id: string;
    kind: string;
    level: number;
    amount: number;
    currency: string;
    rateBps: number;
    createdAt: Date;
    updatedAt: Date;
    payout: { id: string; reference: string; createdAt: Date } | null;
  }>;
};

const SUBJECT_IDS = [
  "userId",
  "beneficiaryId",
  "offeringId",
  "communityId",
  "purchaseId",
  "orderId",
  "commissionId",
] as const;
type SubjectId = (typeof SUBJECT_IDS)[number];

/** Every id each subject names, by its key. */
function collectIds(subjects: unknown[]): Record<SubjectId, string[]> {
  const found = Object.fromEntries(SUBJECT_IDS.map((key) => [key, new Set<string>()]));
  for (const subject of subjects) {
    if (!subject || typeof subject !== "object") continue;
    for (const key of SUBJECT_IDS) {
      const value = (subject as Record<string, unknown>)[key];
      if (typeof value === "string") found[key].add(value);
    }
  }
  return Object.fromEntries(SUBJECT_IDS.map((key) => [key, [...found[key]]])) as Record<
    SubjectId,
    string[]
  >;
}

const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));
const none = async <T>(): Promise<T[]> => [];
const orderSelect = {
  id: true,
  purchaseId: true,
  amount: true,
  currency: true,
  status: true,
  paidAt: true,
} as const;

/** Reads what the subjects name; a query whose ids are all absent is not sent. */
export async function loadMessageContext(tx: Tx, subjects: unknown[]): Promise<MessageContext> {
  const ids = collectIds(subjects);
  const userIds = [...ids.userId, ...ids.beneficiaryId];
  const when = <T>(list: string[], query: () => Promise<T[]>) =>
    list.length > 0 ? query() : none<T>();

  const [users, offerings, purchases, orders, subscriptions, commissions] = await Promise.all([
    when(userIds, () =>
      tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }),
    ),
    // The subjects' offerings, and those of the purchases they name (access messages).
    when([...ids.offeringId, ...ids.purchaseId], () =>
      tx.offering.findMany({
        where: {
          OR: [
            { id: { in: ids.offeringId } },
            { purchases: { some: { id: { in: ids.purchaseId } } } },
          ],
        },
        select: {
          id: true,
          name: true,
          pricingType: true,
          priceAmount: true,
          currency: true,
          communities: { select: { communityId: true }, orderBy: { createdAt: "asc" } },
        },
      }),
    ),
    when(ids.purchaseId, () =>
      tx.purchase.findMany({
        where: { id: { in: ids.purchaseId } },
        select: {
          id: true,
          offeringId: true,
          expiresAt: true,
          accessGrantedAt: true,
          refundedAt: true,
        },
      }),
    ),
    when([...ids.purchaseId, ...ids.orderId], () =>
      tx.order.findMany({
        where: { OR: [{ purchaseId: { in: ids.purchaseId } }, { id: { in: ids.orderId } }] },
        select: orderSelect,
        orderBy: [{ paidAt: "asc" }, { createdAt: "asc" }],
      }),
    ),
    when(ids.purchaseId, () =>
      tx.subscription.findMany({
        where: { purchaseId: { in: ids.purchaseId } },
        select: { id: true, purchaseId: true, paymentFailure: true },
      }),
    ),
    when(ids.commissionId, () =>
      tx.commission.findMany({
        where: { id: { in: ids.commissionId } },
        select: {
          id: true,
          kind: true,
          level: true,
          amount: true,
          currency: true,
          rateBps: true,
          createdAt: true,
          updatedAt: true,
          payout: { select: { id: true, reference: true, createdAt: true } },
        },
      }),
    ),
  ]);

  const offeringRows = offerings.map(({ communities, ...offering }) => ({
    ...offering,
    communityIds: communities.map((link) => link.communityId),
  }));
  const communityIds = [
    ...new Set([...ids.communityId, ...offeringRows.flatMap((row) => row.communityIds)]),
  ];
  const communities = await when(communityIds, () =>
    tx.community.findMany({
      where: { id: { in: communityIds } },
      select: { id: true, name: true },
    }),
  );

  const ordersByPurchase = new Map<string, ContextOrder[]>();
  for (const order of orders) {
    ordersByPurchase.set(order.purchaseId, [
      ...(ordersByPurchase.get(order.purchaseId) ?? []),
      order,
    ]);
  }
  return {
    users: byId(users),
    offerings: byId(offeringRows),
    communities: byId(communities),
    purchases: byId(purchases),
    orders: byId(orders),
    ordersByPurchase,
    subscriptionsByPurchase: new Map(subscriptions.map((row) => [row.purchaseId, row])),
    commissions: byId(commissions),
  };
}
