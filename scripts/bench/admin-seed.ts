/**
 * bench:admin's data, at the scale the issue asks for: 100,000 users and 1,000,000 paid orders
 * (one purchase each, spread over 90 days, a tenth refunded; many share a createdAt to the
 * minute, so pages must break ties by id), 50 offerings (every fifth monthly), a membership and
 * an access trail row per purchase, one recorded webhook event per order (a hundredth failed),
 * a commission on every tenth order, a subscription on every tenth purchase of a monthly
 * offering, 100,000 audit entries, and an admin to sign in as.
 *
 * Every table is filled by one INSERT … SELECT over generate_series: the database makes the rows
 * itself, in one transaction, so 1M orders take minutes, not hours of round trips. BENCH_ADMIN_ORDERS and
 * BENCH_ADMIN_USERS scale it down for a quick run.
 */
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/users/password";

export const BENCH_ADMIN = { email: "bench-admin@example.test", password: "bench-admin-password" };

const fromEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

export const SCALE = {
  offerings: 50,
  users: fromEnv("BENCH_ADMIN_USERS", 100_000),
  orders: fromEnv("BENCH_ADMIN_ORDERS", 1_000_000),
  auditEntries: 100_000,
};

/** The seeded rows of one table, for the log. */
export type SeedStep = { table: string; rows: number; seconds: number };

/** How many orders a database seeded earlier holds (0 when it holds none of the bench's). */
export async function seededOrders(): Promise<number> {
  const [row] = await db.$queryRaw<Array<{ orders: number }>>`
    SELECT count(*)::int AS orders FROM "Order" WHERE id LIKE 'bench-order-%'`;
  return row.orders;
}

export async function seedAdminBench(): Promise<SeedStep[]> {
  const { users, orders, offerings, auditEntries } = SCALE;
  const steps: SeedStep[] = [];
  const step = async (table: string, insert: () => Promise<number>) => {
    const started = performance.now();
    const rows = await insert();
    steps.push({ table, rows, seconds: (performance.now() - started) / 1000 });
  };
  const passwordHash = await hashPassword(BENCH_ADMIN.password);
  const admin = await db.user.create({
    data: { email: BENCH_ADMIN.email, passwordHash, role: "ADMIN", emailVerified: new Date() },
  });
  // One transaction: with foreign-key triggers off (a superuser may; the rows are consistent by
  // construction), PostgreSQL checks no key per row, which is most of the time of a big INSERT.
  await db.$transaction(
    async (tx) => {
      const [{ superuser }] = await tx.$queryRaw<Array<{ superuser: boolean }>>`
        SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`;
      if (superuser) await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
      await step(
        "Community",
        () => tx.$executeRaw`
      INSERT INTO "Community" (id, name, "updatedAt") SELECT 'bench-community-' || k, 'Community ' || k, now()
      FROM generate_series(1, 10) k`,
      );
      await step(
        "Offering",
        () => tx.$executeRaw`
      INSERT INTO "Offering" (id, name, "priceAmount", currency, "pricingType", "webhookSecret", "updatedAt")
      SELECT 'bench-offering-' || k, 'Offering ' || k, 1000 + k * 100, CASE WHEN k % 10 = 0 THEN 'eur' ELSE 'usd' END,
             CASE WHEN k % 5 = 0 THEN 'MONTHLY' ELSE 'ONE_TIME' END::"PricingType", 'x', now()
      FROM generate_series(1, ${offerings}::int) k`,
      );
      await step(
        "OfferingCommunity",
        () => tx.$executeRaw`
      INSERT INTO "OfferingCommunity" ("communityId", "offeringId")
      SELECT 'bench-community-' || (1 + k % 10), 'bench-offering-' || k FROM generate_series(1, ${offerings}::int) k`,
      );
      await step(
        "User",
        () => tx.$executeRaw`
      INSERT INTO "User" (id, email, "emailVerified", "stripeCustomerId", "createdAt", "updatedAt")
      SELECT 'bench-user-' || k, 'buyer' || k || '@example.test', now(), 'cus_bench' || k,
             now() - (k % 365) * interval '1 day', now()
      FROM generate_series(1, ${users}::int) k`,
      );
      // k's purchase, order, membership, event: the same k, the same user, offering and time.
      const purchaseRows = `SELECT k, 'bench-user-' || (1 + k % ${users}) AS "userId",
             'bench-offering-' || (1 + k % ${offerings}) AS "offeringId", 1 + k % ${offerings} AS offering,
             now() - (k % 90) * interval '1 day' - (k % 1440) * interval '1 minute' AS t
      FROM generate_series(1, ${orders}) k`;
      await step("Purchase", () =>
        tx.$executeRawUnsafe(`
      INSERT INTO "Purchase" (id, "userId", "offeringId", status, "accessGrantedAt", "refundedAt", "createdAt", "updatedAt")
      SELECT 'bench-purchase-' || k, "userId", "offeringId",
             CASE WHEN k % 10 = 0 THEN 'REFUNDED' ELSE 'SUCCEEDED' END::"PurchaseStatus",
             t, CASE WHEN k % 10 = 0 THEN t + interval '1 day' END, t, t
      FROM (${purchaseRows}) s`),
      );
      await step("Order", () =>
        tx.$executeRawUnsafe(`
      INSERT INTO "Order" (id, "purchaseId", "userId", "offeringId", amount, currency, provider, status,
                           "providerOrderId", "providerCaptureId", "refundedAmount", "paidAt", "createdAt", "updatedAt")
      SELECT 'bench-order-' || k, 'bench-purchase-' || k, "userId", "offeringId", 1000 + offering * 100,
             CASE WHEN offering % 10 = 0 THEN 'eur' ELSE 'usd' END, 'STRIPE',
             CASE WHEN k % 10 = 0 THEN 'REFUNDED' ELSE 'PAID' END::"OrderStatus",
             'cs_bench_' || k, 'pi_bench_' || k, CASE WHEN k % 10 = 0 THEN 1000 + offering * 100 ELSE 0 END, t, t, t
      FROM (${purchaseRows}) s`),
      );
      await step("Membership", () =>
        tx.$executeRawUnsafe(`
      INSERT INTO "Membership" (id, "userId", "communityId", "purchaseId", "grantedAt", "revokedAt")
      SELECT 'bench-membership-' || k, "userId", 'bench-community-' || (1 + offering % 10), 'bench-purchase-' || k, t,
             CASE WHEN k % 10 = 0 THEN t + interval '1 day' END
      FROM (${purchaseRows}) s`),
      );
      await step("AccessEvent", () =>
        tx.$executeRawUnsafe(`
      INSERT INTO "AccessEvent" (id, action, "userId", "communityId", "membershipId", "purchaseId", cause, "createdAt")
      SELECT 'bench-access-' || k, 'GRANT', "userId", 'bench-community-' || (1 + offering % 10),
             'bench-membership-' || k, 'bench-purchase-' || k, 'bench seed', t
      FROM (${purchaseRows}) s`),
      );
      await step("ProcessedEvent", () =>
        tx.$executeRawUnsafe(`
      INSERT INTO "ProcessedEvent" (id, provider, "providerEventId", type, payload, outcome, error, attempts, "purchaseId", "receivedAt", "processedAt")
      SELECT 'bench-event-' || k, 'stripe', 'evt_bench_' || k, 'checkout.session.completed',
             jsonb_build_object('id', 'evt_bench_' || k, 'type', 'checkout.session.completed'),
             CASE WHEN k % 100 = 0 THEN 'FAILED' ELSE 'PROCESSED' END::"EventOutcome",
             CASE WHEN k % 100 = 0 THEN 'bench failure' END, CASE WHEN k % 100 = 0 THEN 3 ELSE 1 END,
             'bench-purchase-' || k, t, t
      FROM (${purchaseRows}) s`),
      );
      await step("Commission", () =>
        tx.$executeRawUnsafe(`
      INSERT INTO "Commission" (id, "orderId", level, "beneficiaryId", "buyerId", "offeringId", amount, currency, "rateBps", status, "reversedAt", "createdAt", "updatedAt")
      SELECT 'bench-commission-' || k, 'bench-order-' || k, 1, 'bench-user-' || (1 + (k / 7) % ${users}), "userId", "offeringId",
             (1000 + offering * 100) / 10, CASE WHEN offering % 10 = 0 THEN 'eur' ELSE 'usd' END, 1000,
             CASE WHEN k % 10 = 0 THEN 'REVERSED' ELSE 'PENDING' END::"CommissionStatus",
             CASE WHEN k % 10 = 0 THEN t + interval '1 day' END, t, t
      FROM (${purchaseRows}) s WHERE k % 10 IN (0, 3)`),
      );
      await step("Subscription", () =>
        tx.$executeRawUnsafe(`
      INSERT INTO "Subscription" (id, "stripeSubscriptionId", "stripeCustomerId", "userId", "offeringId", "purchaseId", status,
                                  "currentPeriodStart", "currentPeriodEnd", "lastEventAt", "createdAt", "updatedAt")
      SELECT 'bench-subscription-' || k, 'sub_bench_' || k, 'cus_bench' || substring("userId" from 12), "userId", "offeringId",
             'bench-purchase-' || k, CASE WHEN (k / 50) % 10 = 0 THEN 'canceled' ELSE 'active' END::"SubscriptionStatus",
             t, t + interval '1 month', t, t, t
      FROM (${purchaseRows}) s WHERE offering % 5 = 0 AND k % 2 = 0`),
      );
      await step(
        "AuditEntry",
        () => tx.$executeRaw`
      INSERT INTO "AuditEntry" (id, "actorId", action, subject, details, "createdAt")
      SELECT 'bench-audit-' || k, ${admin.id}, (ARRAY['purchase.refund', 'offering.update', 'access.grant', 'event.replay'])[1 + k % 4],
             'bench-purchase-' || k, '{}'::jsonb, now() - (k % 90) * interval '1 day' - (k % 1440) * interval '1 minute'
      FROM generate_series(1, ${auditEntries}::int) k`,
      );
      // The dashboard's revenue and the ledger's totals per day, and the admin lists' purchase
      // and membership counts, which triggers (off here) keep from now on.
      await step("RevenueDay", () => tx.$executeRaw`SELECT revenue_day_rebuild()`);
      await step("CommissionDay", () => tx.$executeRaw`SELECT commission_day_rebuild()`);
      await step(
        "OfferingPurchaseCount",
        () => tx.$executeRaw`SELECT offering_purchase_count_rebuild()`,
      );
      await step(
        "CommunityMembershipCount",
        () => tx.$executeRaw`SELECT community_membership_count_rebuild()`,
      );
    },
    { timeout: 3_600_000, maxWait: 60_000 },
  );
  await step("VACUUM ANALYZE", async () => {
    await db.$executeRawUnsafe("VACUUM ANALYZE");
    return 0;
  });
  return steps;
}
