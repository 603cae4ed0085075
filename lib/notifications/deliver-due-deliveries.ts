/**
 * The deliverer: claims due deliveries (claim-deliveries.ts), hands each to its channel outside
 * any transaction, and records what the attempt got (record-attempt.ts). A channel that throws
 * counts as a failed attempt, retried on the schedule like any other.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { logger } from "@/lib/logger";
import type { AttemptOutcome, Channel, ClaimedDelivery } from "@/lib/notifications/channel";
import { outboxChannels } from "@/lib/notifications/channels";
import { claimDueDeliveries } from "@/lib/notifications/claim-deliveries";
import {
  recordAttempt,
  type AttemptRecorder,
  type DeliveryState,
} from "@/lib/notifications/record-attempt";
import { retrySchedule, type RetrySchedule } from "@/lib/notifications/retry-schedule";

export type DeliverOptions = {
  channels?: readonly Channel[];
  schedule?: RetrySchedule;
  /** Writes the attempt; alone unless given (the worker's batches them: record-attempt.ts). */
  record?: AttemptRecorder;
  /** Called once the attempt has its answer, before it is recorded (the worker frees a slot). */
  onAnswered?: () => void;
};

export type DeliveryResult = { deliveryId: string; attempt: number; state: DeliveryState };

/** One claimed delivery: sent through its channel, then recorded. Never throws for a send. */
export async function deliverClaimed(
  delivery: ClaimedDelivery,
  options: DeliverOptions = {},
): Promise<DeliveryResult> {
  const { channels = outboxChannels, schedule = retrySchedule() } = options;
  const record =
    options.record ?? ((made) => recordAttempt(made.delivery, made.outcome, { schedule }));
  const channel = channels.find((candidate) => candidate.name === delivery.channel);
  const outcome = channel
    ? await attempt(channel, delivery)
    : failed(`no ${delivery.channel} channel in this instance`, 0);
  options.onAnswered?.();
  const { state } = await record({ delivery, outcome });
  if (!outcome.ok) {
    logger.info(
      {
        deliveryId: delivery.id,
        messageId: delivery.message.id,
        attempt: delivery.attempt,
        status: outcome.status,
        error: outcome.error,
        state,
      },
      "outbox delivery attempt failed",
    );
  }
  return { deliveryId: delivery.id, attempt: delivery.attempt, state };
}

async function attempt(channel: Channel, delivery: ClaimedDelivery): Promise<AttemptOutcome> {
  const started = performance.now();
  try {
    return await channel.deliver(delivery);
  } catch (error) {
    return failed(
      error instanceof Error ? error.message : String(error),
      performance.now() - started,
    );
  }
}

function failed(error: string, latencyMs: number): AttemptOutcome {
  return { ok: false, requestId: `req_${randomUUID()}`, error, latencyMs };
}

export type DeliverDueOptions = DeliverOptions & {
  limit?: number;
  leaseSeconds?: number;
  now?: Date;
};

/** Claims up to `limit` due deliveries and sends them all at once; resolves when all are recorded. */
export async function deliverDueDeliveries(
  options: DeliverDueOptions = {},
): Promise<DeliveryResult[]> {
  const { channels = outboxChannels, limit = 20 } = options;
  const claimed = await claimDueDeliveries({
    channels: channels.map((channel) => channel.name),
    limit,
    leaseSeconds: options.leaseSeconds,
    now: options.now,
  });
  return Promise.all(claimed.map((delivery) => deliverClaimed(delivery, options)));
}
