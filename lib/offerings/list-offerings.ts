import { db } from "@/lib/db";

const publicFields = {
  id: true,
  name: true,
  description: true,
  imageUrl: true,
  priceAmount: true,
  currency: true,
  pricingType: true,
  accessDurationDays: true,
  trialDays: true,
  channel: true,
} as const;

/** The catalog: active offerings, newest first. */
export function listActiveOfferings() {
  return db.offering.findMany({
    where: { archivedAt: null },
    orderBy: { createdAt: "desc" },
    select: publicFields,
  });
}

/** One offering as the catalog shows it, with the communities it grants; archived ones are gone. */
export async function getActiveOffering(offeringId: string) {
  const offering = await db.offering.findFirst({
    where: { id: offeringId, archivedAt: null },
    select: {
      ...publicFields,
      communities: {
        select: { community: { select: { id: true, name: true, description: true } } },
      },
    },
  });
  if (!offering) return null;
  return { ...offering, communities: offering.communities.map((link) => link.community) };
}

export type ListOfferingsForAdminOptions = { page: number; pageSize: number };

/**
 * One page of every offering, archived too, for the admin list: active first, newest first
 * (the `archivedAt, createdAt` index), with each one's purchase count: every purchase of the
 * offering, whatever its status. The counts are the shards of "OfferingPurchaseCount" for this
 * page's offerings, which a trigger on "Purchase" keeps exact in the transaction of each change,
 * so the page reads a few rows an offering however many purchases it has.
 */
export async function listOfferingsForAdmin({ page, pageSize }: ListOfferingsForAdminOptions) {
  const [rows, total] = await Promise.all([
    db.offering.findMany({
      orderBy: [
        { archivedAt: { sort: "desc", nulls: "first" } },
        { createdAt: "desc" },
        { id: "desc" },
      ],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { ...publicFields, archivedAt: true, paymentLink: true },
    }),
    db.offering.count(),
  ]);
  const counts = await db.offeringPurchaseCount.groupBy({
    by: ["offeringId"],
    where: { offeringId: { in: rows.map((row) => row.id) } },
    _sum: { purchases: true },
  });
  const countById = new Map(counts.map((count) => [count.offeringId, count._sum.purchases ?? 0]));
  const items = rows.map((row) => ({
    ...row,
    _count: { purchases: countById.get(row.id) ?? 0 },
  }));
  return { items, total, page, pageSize };
}

export type AdminOfferingRow = Awaited<ReturnType<typeof listOfferingsForAdmin>>["items"][number];

/** One offering with every editable field and its communities' ids, for the admin edit form. */
export async function getOfferingForEdit(offeringId: string) {
  const offering = await db.offering.findUnique({
    where: { id: offeringId },
    select: {
      ...publicFields,
      paymentLink: true,
      planFamily: true,
      commissionRateBps: true,
      acceptsDiscounts: true,
      archivedAt: true,
      communities: { select: { communityId: true } },
    },
  });
  if (!offering) return null;
  const communities = offering.communities.map((link) => ({ id: link.communityId }));
  return { ...offering, communities };
}

/** Every offering's id and name, archived too, for admin filters. */
export function listOfferingNames() {
  return db.offering.findMany({
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true },
  });
}
