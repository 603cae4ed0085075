/**
 * The outbox worker, one per app instance (start-outbox.ts starts it), in two loops that never
 * wait for each other (wakeable-loop.ts): one dispatches new messages into deliveries
 * (dispatch-messages.ts); the other claims due deliveries as slots free up and sends them, several
 * at a time, each on its own (deliver-due-deliveries.ts). Both wake when PostgreSQL notifies
 * `outbox` (a message written, a delivery made due) and poll anyway, so nothing waits long if a
 * notification is missed or LISTEN is not available (the embedded database). Several instances
 * share the work through the database's row locks; nothing is held in memory but what is in
 * flight, and a delivery in flight when the process dies is sent again when its lease runs out.
 */
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import type { Channel, ClaimedDelivery } from "@/lib/notifications/channel";
import { outboxChannels } from "@/lib/notifications/channels";
import { claimDueDeliveries } from "@/lib/notifications/claim-deliveries";
import { deliverClaimed } from "@/lib/notifications/deliver-due-deliveries";
import { dispatchMessages } from "@/lib/notifications/dispatch-messages";
import { listenForOutbox } from "@/lib/notifications/listen-for-outbox";
import { batchingRecorder } from "@/lib/notifications/record-attempt";
import { retrySchedule, type RetrySchedule } from "@/lib/notifications/retry-schedule";
import { startWakeableLoop } from "@/lib/notifications/wakeable-loop";

export type OutboxWorkerOptions = {
  channels?: readonly Channel[];
  /** LISTEN on a connection of its own (PostgreSQL); false: poll only. */
  listen?: boolean;
  /** The poll interval; OUTBOX_POLL_MS, else 1 s with LISTEN and 500 ms without. */
  pollMs?: number;
  /** Attempts awaiting their answer at once (recording them is not counted). */
  concurrency?: number;
  /** Messages one dispatch takes. */
  batchSize?: number;
  leaseSeconds?: number;
  schedule?: RetrySchedule;
};

export type OutboxWorker = {
  /** Finishes the passes under way and waits (10 s at most) for the deliveries in flight. */
  stop: () => Promise<void>;
  /** Runs both loops now (a notification does the same). */
  wake: () => void;
};

/**
 * Passes of each loop start at least this far apart when woken, so a burst of commits is
 * dispatched, and its deliveries claimed, in batches.
 */
const MIN_INTERVAL_MS = 50;
const STOP_WAIT_MS = 10_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export function startOutboxWorker(options: OutboxWorkerOptions = {}): OutboxWorker {
  const channels = options.channels ?? outboxChannels;
  const names = channels.map((channel) => channel.name);
  const listen = options.listen ?? false;
  const pollMs = options.pollMs ?? getEnv().OUTBOX_POLL_MS ?? (listen ? 1_000 : 500);
  const { concurrency = 128, batchSize = 500, leaseSeconds } = options;
  const schedule = options.schedule ?? retrySchedule();
  // Attempts that finish together are written together (record-attempt.ts).
  const record = batchingRecorder(schedule);
  // Every claimed delivery until it is recorded; `sending`, until its attempt has an answer.
  const inFlight = new Set<Promise<unknown>>();
  let sending = 0;

  const send = (delivery: ClaimedDelivery) => {
    sending += 1;
    let answered = false;
    // Its slot is free once the answer is in: the recording is batched with others' (and the
    // delivery stays leased until it is written), so the next sends need not wait for it.
    const freeSlot = () => {
      if (answered) return;
      answered = true;
      sending -= 1;
      delivering.wake();
    };
    const attempt = deliverClaimed(delivery, {
      channels,
      schedule,
      record,
      onAnswered: freeSlot,
    })
      .catch((error: unknown) =>
        // Recording failed (the database away): the lease runs out and it is sent again.
        logger.error({ err: error, deliveryId: delivery.id }, "outbox delivery not recorded"),
      )
      .finally(() => {
        freeSlot();
        inFlight.delete(attempt);
      });
    inFlight.add(attempt);
  };

  // Two loops, so that neither waits for the other: one turns new messages into deliveries
  // (each pass a transaction), the other claims due deliveries as slots free up and sends them.
  const delivering = startWakeableLoop({
    name: "deliver",
    pollMs,
    minIntervalMs: MIN_INTERVAL_MS,
    step: async () => {
      // Recordings behind (a slow database) hold back new claims too, past a limit.
      const free = Math.min(concurrency - sending, 4 * concurrency - inFlight.size);
      if (free <= 0) return false;
      const claimed = await claimDueDeliveries({ channels: names, limit: free, leaseSeconds });
      for (const delivery of claimed) send(delivery);
      return claimed.length === free;
    },
  });
  const dispatching = startWakeableLoop({
    name: "dispatch",
    pollMs,
    minIntervalMs: MIN_INTERVAL_MS,
    step: async () => {
      const dispatched = await dispatchMessages({ channels, limit: batchSize });
      if (dispatched > 0) delivering.wake();
      return dispatched === batchSize;
    },
  });
  const wake = () => {
    dispatching.wake();
    delivering.wake();
  };

  const listener = listen ? listenForOutbox(wake) : null;
  return {
    wake,
    stop: async () => {
      await Promise.all([dispatching.stop(), delivering.stop()]);
      await Promise.race([Promise.allSettled([...inFlight]), sleep(STOP_WAIT_MS)]);
      await listener?.close();
    },
  };
}
