/**
 * What attempts leave: an OutboxAttempt row each (the delivery log an admin reads) and each
 * delivery's next state. Delivered on success; dead at once when the channel says the outcome is
 * final (a 410, an endpoint gone); otherwise due again on the retry schedule, or dead after the
 * last attempt. Only the worker that made the attempt moves the delivery on: if its lease ran
 * out and another worker took the delivery meanwhile (a newer attempt), its state is left alone.
 *
 * Many attempts are recorded in one statement (the worker's recorder below gathers the ones that
 * finish while a write is under way), so a burst costs a round trip per batch, not four per
 * delivery.
 */
import { db } from "@/lib/db";
import type { AttemptOutcome, ClaimedDelivery } from "@/lib/notifications/channel";
import { nextAttemptAt, type RetrySchedule } from "@/lib/notifications/retry-schedule";

const EXCERPT_BYTES = 4096;
const ERROR_CHARS = 1000;

export type DeliveryState = "DELIVERED" | "PENDING" | "DEAD";

export type Attempt = {
  delivery: Pick<ClaimedDelivery, "id" | "attempt">;
  outcome: AttemptOutcome;
  /** When it was made; now unless given (tests). */
  at?: Date;
};

export type RecordedAttempt = { state: DeliveryState; nextAttemptAt: Date | null };

/** Records every attempt given, in one statement; results in the same order. */
export async function recordAttempts(
  attempts: readonly Attempt[],
  schedule: RetrySchedule,
): Promise<RecordedAttempt[]> {
  if (attempts.length === 0) return [];
  const rows = attempts.map(({ delivery, outcome, at = new Date() }) => {
    const retryAt =
      outcome.ok || outcome.final ? null : nextAttemptAt(schedule, delivery.attempt, at);
    const state: DeliveryState = outcome.ok ? "DELIVERED" : retryAt ? "PENDING" : "DEAD";
    const error = outcome.ok ? null : (outcome.error ?? `HTTP ${outcome.status ?? "no answer"}`);
    return {
      id: delivery.id,
      number: delivery.attempt,
      requestId: outcome.requestId,
      status: outcome.status ?? null,
      error: error?.slice(0, ERROR_CHARS) ?? null,
      latencyMs: Math.max(0, Math.round(outcome.latencyMs)),
      excerpt: excerpt(outcome.responseExcerpt),
      retryAt,
      state,
      at,
    };
  });
  const column = <T>(pick: (row: (typeof rows)[number]) => T) => rows.map(pick);
  // Timestamps go as ISO text: a timestamp column takes the UTC wall time and drops the "Z".
  await db.$executeRaw`
    WITH attempt AS (
      SELECT * FROM unnest(
        ${column((row) => row.id)}::text[], ${column((row) => row.number)}::int[],
        ${column((row) => row.requestId)}::text[], ${column((row) => row.status)}::int[],
        ${column((row) => row.error)}::text[], ${column((row) => row.latencyMs)}::int[],
        ${column((row) => row.excerpt)}::text[], ${column((row) => row.retryAt?.toISOString() ?? null)}::timestamp[],
        ${column((row) => row.state)}::text[], ${column((row) => row.at.toISOString())}::timestamp[]
      ) AS a("deliveryId", number, "requestId", status, error, "latencyMs", excerpt, "retryAt",
             state, at)
    ), logged AS (
      INSERT INTO "OutboxAttempt" (id, "deliveryId", number, "requestId", status, error,
                                   "latencyMs", "responseExcerpt", "nextRetryAt", "createdAt")
      SELECT gen_random_uuid()::text, "deliveryId", number, "requestId", status, error,
             "latencyMs", excerpt, "retryAt", at
      FROM attempt
      ON CONFLICT ("deliveryId", number) DO NOTHING
    )
    UPDATE "OutboxDelivery" d
    SET status = a.state::"OutboxDeliveryStatus", "nextAttemptAt" = a."retryAt",
        "lockedUntil" = NULL, "lastError" = a.error, "updatedAt" = a.at,
        "deliveredAt" = CASE WHEN a.state = 'DELIVERED' THEN a.at ELSE d."deliveredAt" END
    FROM attempt a
    WHERE d.id = a."deliveryId" AND d.attempts = a.number`;
  return rows.map(({ state, retryAt }) => ({ state, nextAttemptAt: retryAt }));
}

/** One attempt, on its own (replays, tests). */
export async function recordAttempt(
  delivery: Attempt["delivery"],
  outcome: AttemptOutcome,
  { schedule, now }: { schedule: RetrySchedule; now?: Date },
): Promise<RecordedAttempt> {
  const [recorded] = await recordAttempts([{ delivery, outcome, at: now }], schedule);
  return recorded;
}

export type AttemptRecorder = (attempt: Attempt) => Promise<RecordedAttempt>;

/**
 * A recorder for a worker: attempts that finish while a write is under way wait for it and go
 * together in the next one. A failed write fails every attempt of its batch (their leases run
 * out and they are sent again).
 */
export function batchingRecorder(schedule: RetrySchedule): AttemptRecorder {
  type Waiting = Attempt & {
    resolve: (recorded: RecordedAttempt) => void;
    reject: (error: unknown) => void;
  };
  let waiting: Waiting[] = [];
  let writing = false;

  const flush = async () => {
    writing = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        const recorded = await recordAttempts(batch, schedule);
        batch.forEach((attempt, index) => attempt.resolve(recorded[index]));
      } catch (error) {
        for (const attempt of batch) attempt.reject(error);
      }
    }
    writing = false;
  };

  return (attempt) =>
    new Promise((resolve, reject) => {
      waiting.push({ ...attempt, at: attempt.at ?? new Date(), resolve, reject });
      if (!writing) void flush();
    });
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
