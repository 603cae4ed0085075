/**
 * Next calls register() once when a server starts. In the Node.js runtime it starts the daily
 * reconciliation with Stripe (lib/scheduler/reconcile-schedule.ts) and the outbox, which sends
 * webhooks and emails (lib/notifications/start-outbox.ts: in this process only with
 * OUTBOX_WORKER=inline or the embedded database; else scripts/server.ts runs it in a process of
 * its own); either that cannot start logs why and leaves the app running. Neither is waited for,
 * not even the loading of its modules (the Prisma client, pg-boss, the channels: seconds under
 * `next dev`), so the server listens at once. Under `next dev` they load once the first request's
 * page is compiling (lib/first-request.ts), so that they do not hold that request up.
 */
import { backgroundWorkMayStart } from "@/lib/first-request";

export async function register() {
  // Next's own variables (not configuration): which runtime loads this file, and `next build`.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const started = backgroundWorkMayStart();
  void started
    .then(() => import("@/lib/scheduler/reconcile-schedule"))
    .then(({ startReconcileSchedule }) => startReconcileSchedule())
    .catch((error: unknown) =>
      console.error("[instrumentation] the reconcile schedule did not load", error),
    );
  void started
    .then(() => import("@/lib/notifications/start-outbox"))
    .then(({ startOutbox }) => startOutbox())
    .catch((error: unknown) => console.error("[instrumentation] the outbox did not load", error));
}
