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
export function getActiveOffering(offeringId: string) {
  return db.offering.findFirst({
    where: { id: offeringId, archivedAt: null },
    select: { ...publicFields, communities: { select: { id: true, name: true, description: true } } },
  });
}

/** Every offering, archived too, for the admin list. */
export function listAllOfferings() {
  return db.offering.findMany({
    orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { ...publicFields, archivedAt: true, paymentLink: true, _count: { select: { purchases: true } } },
  });
}

/** One offering with every editable field, for the admin edit form. */
export function getOfferingForEdit(offeringId: string) {
  return db.offering.findUnique({
    where: { id: offeringId },
    select: {
      ...publicFields,
      paymentLink: true,
      commissionRateBps: true,
      archivedAt: true,
      communities: { select: { id: true } },
    },
  });
}
