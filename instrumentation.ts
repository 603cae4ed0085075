/**
 * Next calls register() once when a server starts. In the Node.js runtime it starts, without
 * waiting for them so the server serves at once, the daily reconciliation with Stripe
 * (lib/scheduler/reconcile-schedule.ts) and the outbox, which sends webhooks and emails
 * (lib/notifications/start-outbox.ts); either that cannot start logs why and leaves the app
 * running.
 */
export async function register() {
  // Next's own variables (not configuration): which runtime loads this file, and `next build`.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startReconcileSchedule } = await import("@/lib/scheduler/reconcile-schedule");
  void startReconcileSchedule();
  const { startOutbox } = await import("@/lib/notifications/start-outbox");
  void startOutbox();
}
