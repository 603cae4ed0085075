/**
 * When the daily reconciliation runs, or why it does not: read by the scheduler
 * (reconcile-schedule.ts) and shown on /admin/reconcile, without loading pg-boss into a page.
 */
import { getEnv } from "@/lib/env";

/** Every day at 03:00 UTC. */
export const RECONCILE_CRON = "0 3 * * *";
/** How far back each scheduled run looks. */
export const RECONCILE_DAYS = 3;

export type ReconcileScheduleStatus =
  { on: true; cron: string; days: number } | { on: false; reason: string };

export function reconcileScheduleStatus(): ReconcileScheduleStatus {
  const env = getEnv();
  if (env.EMBEDDED_DATABASE === "on") {
    return {
      on: false,
      reason:
        "The embedded database takes one connection, so no scheduler runs on it: run the reconcile yourself.",
    };
  }
  if (env.RECONCILE_SCHEDULE === "off") {
    return { on: false, reason: "RECONCILE_SCHEDULE=off turns the daily schedule off." };
  }
  return { on: true, cron: RECONCILE_CRON, days: RECONCILE_DAYS };
}

/** The day a scheduled run starts from, today: the admin form's default (YYYY-MM-DD, UTC). */
export function scheduledReconcileSince(now = new Date()): string {
  return new Date(now.getTime() - RECONCILE_DAYS * 86_400_000).toISOString().slice(0, 10);
}
