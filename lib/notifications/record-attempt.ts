/**
 * What one attempt leaves: an OutboxAttempt row (the delivery log an admin reads) and the
 * delivery's next state. Delivered on success; dead at once when the channel says the outcome is
 * final (a 410, an endpoint gone); otherwise due again on the retry schedule, or dead after the
 * last attempt. Only the worker that made the attempt moves the delivery on: if its lease ran
 * out and another worker took the delivery meanwhile (a newer attempt), its state is left alone.
 */
import { db } from "@/lib/db";
import type { AttemptOutcome, ClaimedDelivery } from "@/lib/notifications/channel";
import { nextAttemptAt, type RetrySchedule } from "@/lib/notifications/retry-schedule";

const EXCERPT_BYTES = 4096;
const ERROR_CHARS = 1000;

export type RecordAttemptOptions = { schedule: RetrySchedule; now?: Date };

export type DeliveryState = "DELIVERED" | "PENDING" | "DEAD";

export async function recordAttempt(
  delivery: Pick<ClaimedDelivery, "id" | "attempt">,
  outcome: AttemptOutcome,
  { schedule, now = new Date() }: RecordAttemptOptions,
): Promise<{ state: DeliveryState; nextAttemptAt: Date | null }> {
  const retryAt =
    outcome.ok || outcome.final ? null : nextAttemptAt(schedule, delivery.attempt, now);
  const state: DeliveryState = outcome.ok ? "DELIVERED" : retryAt ? "PENDING" : "DEAD";
  const error = outcome.ok ? null : (outcome.error ?? `HTTP ${outcome.status ?? "no answer"}`);
  await db.$transaction([
    db.outboxAttempt.createMany({
      data: {
        deliveryId: delivery.id,
        number: delivery.attempt,
        requestId: outcome.requestId,
        status: outcome.status ?? null,
        error: error?.slice(0, ERROR_CHARS) ?? null,
        latencyMs: Math.max(0, Math.round(outcome.latencyMs)),
        responseExcerpt: excerpt(outcome.responseExcerpt),
        nextRetryAt: retryAt,
        createdAt: now,
      },
      skipDuplicates: true,
    }),
    db.outboxDelivery.updateMany({
      where: { id: delivery.id, attempts: delivery.attempt },
      data: {
        status: state,
        nextAttemptAt: retryAt,
        lockedUntil: null,
        deliveredAt: outcome.ok ? now : undefined,
        lastError: error?.slice(0, ERROR_CHARS) ?? null,
      },
    }),
  ]);
  return { state, nextAttemptAt: retryAt };
}

/** The first 4 KB of an answer, cut on a character boundary. */
function excerpt(text: string | undefined): string | null {
  if (text === undefined) return null;
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= EXCERPT_BYTES) return text;
  return new TextDecoder("utf-8", { fatal: false })
    .decode(bytes.subarray(0, EXCERPT_BYTES))
    .replace(/\uFFFD$/, "");
}
