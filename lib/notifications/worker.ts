/**
 * The outbox worker: one loop per app instance (start-outbox.ts starts it) that dispatches new
 * messages (dispatch-messages.ts), then claims due deliveries and sends them, several at a time,
 * each on its own (deliver-due-deliveries.ts). It wakes when PostgreSQL notifies `outbox` (a
 * message written, a delivery made due) and polls anyway, so nothing waits long if a
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

export type OutboxWorkerOptions = {
  channels?: readonly Channel[];
  /** LISTEN on a connection of its own (PostgreSQL); false: poll only. */
  listen?: boolean;
  /** The poll interval; OUTBOX_POLL_MS, else 1 s with LISTEN and 500 ms without. */
  pollMs?: number;
  /** Deliveries in flight at once. */
  concurrency?: number;
  /** Messages one dispatch takes. */
  batchSize?: number;
  leaseSeconds?: number;
  schedule?: RetrySchedule;
};

export type OutboxWorker = {
  /** Finishes the cycle under way and waits (10 s at most) for the deliveries in flight. */
  stop: () => Promise<void>;
  /** Runs a cycle now (a notification does the same). */
  wake: () => void;
};

/** Cycles start at least this far apart when woken, so a burst of commits is dispatched in batches. */
const MIN_CYCLE_MS = 50;
const MAX_BACKOFF_MS = 30_000;
const STOP_WAIT_MS = 10_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export function startOutboxWorker(options: OutboxWorkerOptions = {}): OutboxWorker {
  const channels = options.channels ?? outboxChannels;
  const names = channels.map((channel) => channel.name);
  const listen = options.listen ?? false;
  const pollMs = options.pollMs ?? getEnv().OUTBOX_POLL_MS ?? (listen ? 1_000 : 500);
  const { concurrency = 64, batchSize = 500, leaseSeconds } = options;
  const schedule = options.schedule ?? retrySchedule();
  // Attempts that finish together are written together (record-attempt.ts).
  const record = batchingRecorder(schedule);
  const inFlight = new Set<Promise<unknown>>();
  let stopping = false;
  let woken = false;
  let onWake: (() => void) | null = null;

  const wake = () => {
    woken = true;
    onWake?.();
  };
  const waitForWake = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || ms <= 0) return resolve();
      const timer = setTimeout(resolve, ms);
      timer.unref();
      onWake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      onWake = null;
    });

  const send = (delivery: ClaimedDelivery) => {
    const sending = deliverClaimed(delivery, { channels, schedule, record })
      .catch((error: unknown) =>
        // Recording failed (the database away): the lease runs out and it is sent again.
        logger.error({ err: error, deliveryId: delivery.id }, "outbox delivery not recorded"),
      )
      .finally(() => {
        inFlight.delete(sending);
        wake();
      });
    inFlight.add(sending);
  };

  /**
   * One cycle; true when there is probably more to do at once. Dispatching new messages and
   * claiming due deliveries run side by side (each on a connection of its own): a claim takes
   * what earlier cycles dispatched, so neither waits for the other.
   */
  const cycle = async () => {
    const free = concurrency - inFlight.size;
    const [dispatched, claimed] = await Promise.all([
      dispatchMessages({ channels, limit: batchSize }),
      claimDueDeliveries({ channels: names, limit: free, leaseSeconds }),
    ]);
    for (const delivery of claimed) send(delivery);
    return dispatched === batchSize || (free > 0 && claimed.length === free);
  };

  const loop = async () => {
    let failures = 0;
    while (!stopping) {
      const started = Date.now();
      woken = false;
      let busy = false;
      try {
        busy = await cycle();
        if (failures > 0) logger.info({ failures }, "outbox worker running again");
        failures = 0;
      } catch (error) {
        if (failures === 0) logger.error({ err: error }, "outbox worker cycle failed; retrying");
        failures += 1;
      }
      if (stopping) break;
      if (failures > 0) {
        await sleep(Math.min(MAX_BACKOFF_MS, pollMs * 2 ** failures));
        continue;
      }
      if (!busy) await waitForWake(pollMs);
      await sleep(Math.max(0, started + MIN_CYCLE_MS - Date.now()));
    }
  };

  const listener = listen ? listenForOutbox(wake) : null;
  const running = loop();
  return {
    wake,
    stop: async () => {
      stopping = true;
      wake();
      await running;
      await Promise.race([Promise.allSettled([...inFlight]), sleep(STOP_WAIT_MS)]);
      await listener?.close();
    },
  };
}
