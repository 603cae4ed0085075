/**
 * The daily reconciliation with Stripe, on pg-boss in the app's own PostgreSQL (its tables live
 * in the `pgboss` schema). Every app instance starts it (instrumentation.ts); pg-boss sends each
 * cron tick once across instances and the singleton queue runs one job at a time, and the
 * reconcile itself is idempotent, so several instances and restarts are safe. Not on the embedded
 * PGlite, which takes one connection: there an admin runs the reconcile (the button on
 * /admin/reconcile).
 */
import PgBoss from "pg-boss";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { createQueue, startPgBoss } from "@/lib/pg-boss";
import { reconcileWithStripe, summarizeReconcile } from "@/lib/payments/stripe/reconcile";
import {
  RECONCILE_CRON,
  RECONCILE_DAYS,
  reconcileScheduleStatus,
} from "@/lib/scheduler/reconcile-schedule-status";

export const RECONCILE_QUEUE = "stripe-reconcile";

let started: Promise<PgBoss | null> | undefined;

/**
 * Starts the schedule once per process. It never throws: a scheduler that cannot start (the
 * database unreachable, say) logs why and leaves the app serving.
 */
export function startReconcileSchedule(): Promise<PgBoss | null> {
  started ??= start().catch((error: unknown) => {
    logger.error({ err: error }, "the reconcile schedule did not start");
    return null;
  });
  return started;
}

async function start(): Promise<PgBoss | null> {
  const status = reconcileScheduleStatus();
  if (!status.on) {
    logger.info({ schedule: "off" }, `reconcile schedule off: ${status.reason}`);
    return null;
  }
  const boss = await startPgBoss("reconcile-schedule");
  await createQueue(boss, RECONCILE_QUEUE, {
    policy: "singleton",
    retryLimit: 2,
    retryDelay: 600,
    expireInSeconds: 3600,
  });
  await boss.schedule(RECONCILE_QUEUE, RECONCILE_CRON, { days: RECONCILE_DAYS }, { tz: "UTC" });
  await boss.work(RECONCILE_QUEUE, { pollingIntervalSeconds: 30 }, () => runScheduledReconcile());
  logger.info({ schedule: RECONCILE_CRON, days: RECONCILE_DAYS }, "reconcile schedule on");
  return boss;
}

/** One scheduled run: the last RECONCILE_DAYS days. Stripe not configured: nothing to do. */
export async function runScheduledReconcile(now = new Date()) {
  const since = new Date(now.getTime() - RECONCILE_DAYS * 86_400_000);
  try {
    const report = await reconcileWithStripe({ since });
    const fixed = report.fixed.map((change) => change.stripeId);
    logger.info(
      { fixed, notApplied: report.notApplied.length, checked: report.checked },
      summarizeReconcile(report),
    );
    return { fixed: fixed.length, notApplied: report.notApplied.length };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_configured") {
      logger.info({}, "reconcile skipped: Stripe is not configured");
      return { skipped: "not_configured" };
    }
    throw error;
  }
}
