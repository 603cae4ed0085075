/**
 * bench:admin's data: 50 offerings, 10,000 users and 100,000 paid orders (one purchase each,
 * spread over 90 days, a tenth refunded), memberships and access trail rows for the users, and
 * an admin to sign in as. Written with set-based SQL so seeding takes seconds.
 */
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/users/password";

export const BENCH_ADMIN = { email: "bench-admin@example.test", password: "bench-admin-password" };
export const SCALE = { offerings: 50, users: 10_000, orders: 100_000 };

export async function seedAdminBench() {
  const passwordHash = await hashPassword(BENCH_ADMIN.password);
  await db.user.create({
    data: { email: BENCH_ADMIN.email, passwordHash, role: "ADMIN", emailVerified: new Date() },
  });
  await db.$executeRaw`
    INSERT INTO "Community" (id, name, "updatedAt") SELECT 'bench-community-' || k, 'Community ' || k, now()
    FROM generate_series(1, 10) k`;
  await db.$executeRaw`
    INSERT INTO "Offering" (id, name, "priceAmount", currency, "webhookSecret", "updatedAt")
    SELECT 'bench-offering-' || k, 'Offering ' || k, 1000 + k * 100, CASE WHEN k % 10 = 0 THEN 'eur' ELSE 'usd' END, 'x', now()
    FROM generate_series(1, ${SCALE.offerings}::int) k`;
  await db.$executeRaw`
    INSERT INTO "OfferingCommunity" ("communityId", "offeringId")
    SELECT 'bench-community-' || (1 + k % 10), 'bench-offering-' || k FROM generate_series(1, ${SCALE.offerings}::int) k`;
  await db.$executeRaw`
    INSERT INTO "User" (id, email, "emailVerified", "stripeCustomerId", "updatedAt")
    SELECT 'bench-user-' || k, 'buyer' || k || '@example.test', now(), 'cus_bench' || k, now()
    FROM generate_series(1, ${SCALE.users}::int) k`;
  await db.$executeRaw`
    INSERT INTO "Purchase" (id, "userId", "offeringId", status, "accessGrantedAt", "refundedAt", "createdAt", "updatedAt")
    SELECT 'bench-purchase-' || k, 'bench-user-' || (1 + k % ${SCALE.users}::int), 'bench-offering-' || (1 + k % ${SCALE.offerings}::int),
           CASE WHEN k % 10 = 0 THEN 'REFUNDED' ELSE 'SUCCEEDED' END::"PurchaseStatus",
           t, CASE WHEN k % 10 = 0 THEN t + interval '1 day' END, t, t
    FROM (SELECT k, now() - (k % 90) * interval '1 day' - (k % 1440) * interval '1 minute' AS t
          FROM generate_series(1, ${SCALE.orders}::int) k) s`;
  await db.$executeRaw`
    INSERT INTO "Order" (id, "purchaseId", "userId", "offeringId", amount, currency, provider, status,
                         "providerOrderId", "providerCaptureId", "paidAt", "createdAt", "updatedAt")
    SELECT 'bench-order-' || p.k, 'bench-purchase-' || p.k, p."userId", p."offeringId", o."priceAmount", o.currency, 'STRIPE',
           CASE WHEN p.k % 10 = 0 THEN 'REFUNDED' ELSE 'PAID' END::"OrderStatus",
           'cs_bench_' || p.k, 'pi_bench_' || p.k, p."createdAt", p."createdAt", p."createdAt"
    FROM (SELECT substring(id from 16)::int AS k, "userId", "offeringId", "createdAt" FROM "Purchase" WHERE id LIKE 'bench-purchase-%') p
    JOIN "Offering" o ON o.id = p."offeringId"`;
  await db.$executeRaw`
    INSERT INTO "Membership" (id, "userId", "communityId", "purchaseId", "grantedAt")
    SELECT 'bench-membership-' || p.id, p."userId", link."communityId", p.id, p."createdAt"
    FROM "Purchase" p JOIN "OfferingCommunity" link ON link."offeringId" = p."offeringId"
    WHERE p.id LIKE 'bench-purchase-%'`;
  await db.$executeRaw`
    INSERT INTO "AccessEvent" (id, action, "userId", "communityId", "membershipId", "purchaseId", cause, "createdAt")
    SELECT 'bench-access-' || m.id, 'GRANT', m."userId", m."communityId", m.id, m."purchaseId", 'bench seed', m."grantedAt"
    FROM "Membership" m WHERE m.id LIKE 'bench-membership-%'`;
  await db.$executeRawUnsafe("VACUUM ANALYZE");
}
