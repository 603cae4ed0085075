import { db } from "@/lib/db";
import { monthlyRecurringRevenue } from "@/lib/subscriptions/list-subscriptions-for-admin";

/**
 * Subscriptions as they stand now (not limited to the dashboard's range): how many are active
 * or trialing, and the monthly recurring revenue per currency (past-due ones included, as on
 * the subscriptions page).
 */
export async function summarizeSubscriptions() {
  const [active, mrr] = await Promise.all([
    db.subscription.count({ where: { status: { in: ["active", "trialing"] } } }),
    monthlyRecurringRevenue(),
  ]);
  return { active, mrr };
}
