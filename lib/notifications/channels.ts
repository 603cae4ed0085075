/**
 * The channels messages leave through, and the scheduled jobs of the outbox: what the worker
 * (worker.ts, started by start-outbox.ts) runs in every app instance. A channel implements
 * channel.ts and is listed here once; a job it needs on a schedule (the webhooks' check that
 * disables an endpoint failing for 5 days, the email digest of dead deliveries) goes in
 * `outboxJobs`, or its module calls registerOutboxJob (outbox-job.ts). Tests pass their own
 * channels to the dispatcher and deliverer instead.
 */
import type { Channel } from "@/lib/notifications/channel";
import type { OutboxJob } from "@/lib/notifications/outbox-job";
import { scanExpiredAccess } from "@/lib/outbox/scan-expired-access";

// Each channel: import it and list it (webhooks: lib/notifications/webhooks/channel.ts; email:
// lib/notifications/emails/channel.ts).
export const outboxChannels: readonly Channel[] = [];

export const outboxJobs: readonly OutboxJob[] = [
  // access.expired: memberships whose end passed, reported once (lib/outbox/scan-expired-access.ts).
  { name: "outbox-access-expiry", cron: "* * * * *", run: () => scanExpiredAccess() },
];
