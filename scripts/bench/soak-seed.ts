/**
 * bench:soak's data: a catalog of 50 active offerings, the first CHECKOUT_OFFERINGS of them
 * Stripe Embedded one-time offerings granting a community each (what the buyers check out);
 * one signed-in buyer per checkout the soak will start (a session cookie minted as Auth.js
 * mints it, so no password hashing at seed time); and a reserve of pending Stripe orders, paid
 * by webhook slots that come before any checkout is ready to be paid. Plus the counts that
 * show the exactly-once effects at the end.
 */
import { encode } from "next-auth/jwt";
import { db } from "@/lib/db";
import { openPendingPurchase } from "@/lib/purchases/open-pending-purchase";
import { encryptSecret, generateWebhookSecret } from "@/lib/security/secrets";
import { forEachConcurrently } from "../../tooling/load/run-load";
import { embeddedOffering } from "../../tooling/seed/factories";

export const CATALOG_OFFERINGS = 50;
const CHECKOUT_OFFERINGS = 5;
// Auth.js's session cookie over http (https prefixes it with __Secure-); also the JWT's salt.
const SESSION_COOKIE = "authjs.session-token";

/** An order a `checkout.session.completed` event can pay: what Stripe's session says of it. */
export type PayableOrder = {
  orderId: string;
  offeringId: string;
  amount: number;
  currency: string;
  sessionId?: string;
};

export type SoakCatalog = {
  offeringIds: string[];
  checkoutOfferingIds: string[];
  communityIds: string[];
};

/** 50 active offerings with catalog-length descriptions; checkouts go to the first five. */
export async function seedCatalog(): Promise<SoakCatalog> {
  const checkout = [];
  for (let index = 0; index < CHECKOUT_OFFERINGS; index++) {
    checkout.push(
      await embeddedOffering({
        name: `Soak course ${index + 1}`,
        priceAmount: 2_900 + index * 500,
      }),
    );
  }
  const description =
    "Lessons, templates and a community of people doing the same work. Every module comes with " +
    "exercises, recordings of the live sessions and answers to the questions people asked. ";
  const pricingTypes = ["ONE_TIME", "MONTHLY", "YEARLY"] as const;
  await db.offering.createMany({
    data: Array.from({ length: CATALOG_OFFERINGS - CHECKOUT_OFFERINGS }, (_, index) => ({
      name: `Offering ${index + 1}`,
      description: description.slice(0, 80 + (index % 3) * 40),
      imageUrl: `https://images.example.test/offering-${index + 1}.jpg`,
      priceAmount: 1_900 + index * 100,
      currency: index % 10 === 0 ? "eur" : "usd",
      pricingType: pricingTypes[index % 3],
      accessDurationDays: index % 4 === 0 ? 365 : null,
      paymentLink: `https://pay.example.test/offering-${index + 1}`,
      webhookSecret: encryptSecret(generateWebhookSecret()),
    })),
  });
  const offerings = await db.offering.findMany({
    where: { archivedAt: null },
    select: { id: true },
  });
  return {
    offeringIds: offerings.map((offering) => offering.id),
    checkoutOfferingIds: checkout.map(({ offering }) => offering.id),
    communityIds: checkout.map(({ community }) => community.id),
  };
}

/** `count` verified users, ids `soak-<prefix>-<n>`. */
export async function seedBuyers(prefix: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, index) => `soak-${prefix}-${index}`);
  await db.user.createMany({
    data: ids.map((id) => ({ id, email: `${id}@example.test`, emailVerified: new Date() })),
  });
  return ids;
}

/**
 * The Cookie header of a fresh session for each user, as Auth.js writes it after a sign-in:
 * the token lib/auth/config.ts's jwt callback makes (sessionVersion 0), encrypted with the
 * server's AUTH_SECRET.
 */
export function mintSessionCookies(userIds: string[], authSecret: string): Promise<string[]> {
  return Promise.all(
    userIds.map(async (id) => {
      const token = { sub: id, email: `${id}@example.test`, sessionVersion: 0 };
      const jwt = await encode({ token, secret: authSecret, salt: SESSION_COOKIE });
      return `${SESSION_COOKIE}=${jwt}`;
    }),
  );
}

/** Pending Stripe orders for `count` other buyers of the first checkout offering. */
export async function seedReserveOrders(catalog: SoakCatalog, count: number) {
  const offering = await db.offering.findUniqueOrThrow({
    where: { id: catalog.checkoutOfferingIds[0] },
    select: { id: true, priceAmount: true, currency: true },
  });
  const ids = await seedBuyers("reserve", count);
  const orders = new Array<PayableOrder>(count);
  await forEachConcurrently(count, 8, async (index) => {
    const opened = await db.$transaction((tx) =>
      openPendingPurchase(tx, { userId: ids[index], offering, provider: "STRIPE" }),
    );
    const { priceAmount: amount, currency } = offering;
    orders[index] = { orderId: opened.orderId, offeringId: offering.id, amount, currency };
  });
  return orders;
}

/**
 * What the checkout offerings' purchases, orders and access trail hold now, and how many of the
 * orders the webhook's answers called paid (`acknowledged`) are PAID.
 */
export async function countSoakEffects(catalog: SoakCatalog, acknowledged: string[]) {
  const offeringId = { in: catalog.checkoutOfferingIds };
  const [succeeded, paid, pending, grants, grantedTwice, acknowledgedPaid] = await Promise.all([
    db.purchase.count({ where: { offeringId, status: "SUCCEEDED" } }),
    db.order.count({ where: { offeringId, status: "PAID" } }),
    db.order.count({ where: { offeringId, status: "PENDING" } }),
    db.accessEvent.count({ where: { communityId: { in: catalog.communityIds }, action: "GRANT" } }),
    db.accessEvent.groupBy({
      by: ["purchaseId"],
      where: { communityId: { in: catalog.communityIds }, action: "GRANT" },
      having: { purchaseId: { _count: { gt: 1 } } },
    }),
    db.order.count({ where: { id: { in: acknowledged }, status: "PAID" } }),
  ]);
  return {
    succeeded,
    paid,
    pending,
    grants,
    grantedTwice: grantedTwice.length,
    acknowledgedPaid,
  };
}
