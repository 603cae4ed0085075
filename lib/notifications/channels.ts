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
import { emailChannel } from "@/lib/notifications/emails/email-channel";
import { emitDeadLetterDigest } from "@/lib/notifications/emails/emit-dead-letter-digest";
import { disableFailingEndpoints } from "@/lib/notifications/webhooks/disable-failing-endpoints";
import { webhookChannel } from "@/lib/notifications/webhooks/webhook-channel";
import { pruneOutbox } from "@/lib/notifications/prune-outbox";
import { scanExpiredAccess } from "@/lib/outbox/scan-expired-access";

export const outboxChannels: readonly Channel[] = [webhookChannel, emailChannel];

export const outboxJobs: readonly OutboxJob[] = [
  // access.expired: memberships whose end passed, reported once (lib/outbox/scan-expired-access.ts).
  { name: "outbox-access-expiry", cron: "* * * * *", run: () => scanExpiredAccess() },
  // Endpoints whose every attempt failed for OUTGOING_WEBHOOKS_DISABLE_AFTER_SECONDS (5 days).
  {
    name: "outbox-disable-failing-endpoints",
    cron: "*/5 * * * *",
    run: () => disableFailingEndpoints(),
  },
  // One email to the admins a day listing the deliveries that died since yesterday.
  { name: "outbox-dead-letter-digest", cron: "0 8 * * *", run: () => emitDeadLetterDigest() },
  // Messages past OUTBOX_RETENTION_DAYS with nothing pending, deleted (prune-outbox.ts).
  { name: "outbox-prune", cron: "30 3 * * *", run: () => pruneOutbox() },
];
