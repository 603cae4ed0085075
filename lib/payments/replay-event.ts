/**
 * An admin's replay of a recorded event: the stored event runs again through the handler it
 * first went through, under processEvent's claim, so it applies exactly once. Only a FAILED or
 * UNMATCHED event is re-handled (the order it names may exist now); one that ended PROCESSED or
 * IGNORED, before or while the replay waited for the lock, is left as it is and the answer says so.
 * A replay whose work another event had done already (the purchase paid or refunded since)
 * changes nothing, and the event keeps its outcome: a refused wrong-amount notice stays refused.
 */
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { EventOutcome } from "@/lib/generated/prisma/client";
import { storedDeliveryToProcess } from "@/lib/payments/external/handle-offering-webhook";
import {
  processEvent,
  type EventResult,
  type ProcessEventOptions,
} from "@/lib/events/process-event";
import type { EventFailure } from "@/lib/events/event-failure";
import { storedStripeEventToProcess } from "@/lib/payments/stripe/handle-stripe-webhook";
import {
  RECONCILE_PROVIDER,
  storedReconcileToProcess,
} from "@/lib/payments/stripe/reconcile-objects";

export type ReplayEventOptions = { eventRecordId: string; adminId: string };

export type ReplayEventResult = {
  /** False when nothing ran: the event had already applied. */
  replayed: boolean;
  /** True when it ran but found its work done already: the event kept its outcome. */
  changedNothing: boolean;
  before: EventOutcome;
  outcome: EventOutcome;
  error: string | null;
  purchaseId: string | null;
  message: string;
};

const REPLAYABLE: ReadonlySet<EventOutcome> = new Set(["FAILED", "UNMATCHED"]);

export const isReplayable = (outcome: EventOutcome) => REPLAYABLE.has(outcome);

type StoredEvent = { provider: string; providerEventId: string; type: string; payload: unknown };

/** The same handler the event first went through, by provider. */
async function storedEventToProcess(record: StoredEvent): Promise<ProcessEventOptions> {
  switch (record.provider) {
    case "stripe":
      return storedStripeEventToProcess(record.payload);
    case "external":
      return storedDeliveryToProcess(record.providerEventId, record.payload);
    case RECONCILE_PROVIDER:
      return storedReconcileToProcess(record.type, record.payload);
    default:
      throw new AppError("conflict", `Events of provider "${record.provider}" cannot be replayed.`);
  }
}

export async function replayEvent({
  eventRecordId,
  adminId,
}: ReplayEventOptions): Promise<ReplayEventResult> {
  const record = await db.processedEvent.findUnique({
    where: { id: eventRecordId },
    select: {
      id: true,
      provider: true,
      providerEventId: true,
      type: true,
      payload: true,
      outcome: true,
      error: true,
      details: true,
    },
  });
  if (!record) throw new AppError("not_found", "No event has this id.");
  const before = record.outcome;

  if (isReplayable(before)) {
    const toProcess = await storedEventToProcess(record);
    const summary = await processEvent({
      ...toProcess,
      replay: true,
      // The audit entry commits with the replay's effects, or not at all.
      handle: async (tx, event) => {
        const handled = await toProcess.handle(tx, event);
        const result = foundWorkDone(handled) ? keptAsItWas(record, handled) : handled;
        const details = {
          provider: record.provider,
          before,
          outcome: result.outcome,
          error: result.error ?? null,
        };
        await recordAudit(tx, {
          actorId: adminId,
          action: "event.replay",
          subject: record.id,
          details,
        });
        return result;
      },
    });
    if (!summary.duplicate) {
      const outcome = summary.outcome;
      const error = summary.error ?? null;
      const changedNothing = summary.details?.[REPLAY_NOTE] !== undefined;
      return {
        replayed: true,
        changedNothing,
        before,
        outcome,
        error,
        purchaseId: summary.purchaseId ?? null,
        message: changedNothing
          ? `Replayed, but this changed nothing: ${String(summary.details?.[REPLAY_NOTE])}. The event stays ${outcomeWords(outcome, error)}.`
          : replayedMessage(outcome, error),
      };
    }
  }

  // Nothing ran: the event had applied already (perhaps while this replay waited for it).
  const now = await db.processedEvent.findUniqueOrThrow({
    where: { id: record.id },
    select: { outcome: true, purchaseId: true },
  });
  await recordAudit(db, {
    actorId: adminId,
    action: "event.replay",
    subject: record.id,
    details: { provider: record.provider, before, outcome: now.outcome, replayed: false },
  });
  return {
    replayed: false,
    changedNothing: true,
    before,
    outcome: now.outcome,
    error: null,
    purchaseId: now.purchaseId,
    message: `Nothing to replay: this event already ended ${now.outcome.toLowerCase()}, so a replay changes nothing.`,
  };
}

const REPLAY_NOTE = "replayChangedNothing";

/** The handler found the purchase already paid, refunded or failed by another event. */
function foundWorkDone(result: EventResult): boolean {
  const note = result.details?.note;
  return (
    result.outcome === "PROCESSED" &&
    typeof note === "string" &&
    (note.startsWith("already_") || note === "payment_already_recorded")
  );
}

/** The event as it was (outcome, error, details), with a note of what the replay found. */
function keptAsItWas(
  record: { outcome: EventOutcome; error: string | null; details: unknown },
  handled: EventResult,
): EventResult {
  const note = String(handled.details?.note).replace(/_/g, " ");
  const found = note.startsWith("already") ? `the purchase was ${note}` : note;
  const details = record.details && typeof record.details === "object" ? record.details : {};
  return {
    outcome: record.outcome as EventResult["outcome"],
    // Recorded by a handler, so one of the codes (the column is plain text).
    error: (record.error ?? undefined) as EventFailure | undefined,
    purchaseId: handled.purchaseId,
    details: { ...details, [REPLAY_NOTE]: found },
  };
}

function outcomeWords(outcome: EventOutcome, error: string | null): string {
  const why = error ? ` (${error.replace(/_/g, " ")})` : "";
  return `${outcome.toLowerCase()}${why}`;
}

function replayedMessage(outcome: EventOutcome, error: string | null): string {
  const why = error ? ` (${error.replace(/_/g, " ")})` : "";
  switch (outcome) {
    case "PROCESSED":
      return "Replayed: the event is processed now.";
    case "IGNORED":
      return "Replayed: the event changes nothing and is recorded as ignored.";
    case "UNMATCHED":
      return `Replayed: still unmatched${why}.`;
    default:
      return `Replayed: failed again${why}.`;
  }
}
