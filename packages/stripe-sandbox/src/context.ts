/**
 * What every handler works with: the store, the sandbox's clock, event emission (stored for
 * `/v1/events` and handed to webhook delivery), the sandbox's settings and its own timers.
 *
 * The clock is this sandbox's own (several sandboxes can share one process): real time plus an
 * offset kept in the store, which only moves forward (`/_sandbox/clock/advance`). While billing
 * work that fell due in the past runs, `at()` pins the time to the moment it was due, so every
 * object and event it stamps carries that moment, as on a Stripe test clock.
 */
import {
  buildEvent,
  type EventRequest,
  type PreviousAttributes,
  type StripeEvent,
  type StripeObject,
} from "./objects/events";
import { NO_FAULTS, type FaultMode } from "./api/faults";
import type { Store } from "./store";
import type { WebhookDispatcher } from "./webhooks";

export interface SandboxSettings {
  /** Where browsers reach the sandbox: used in `url` fields and pages. */
  publicUrl: string;
  /** How long a bank debit stays `processing` before it settles. */
  asyncSettleMs: number;
}

export class SandboxContext {
  /**
   * The API request being handled, stamped on the events it causes. Handlers run
   * synchronously, so no other request can interleave while this is set.
   */
  currentRequest: EventRequest = { id: null, idempotency_key: null };
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Test switches that slow down or break the API (faults.ts). */
  faults: FaultMode = { ...NO_FAULTS };
  private pinnedAt: number | null = null;

  constructor(
    readonly store: Store,
    readonly webhooks: WebhookDispatcher,
    readonly settings: SandboxSettings,
  ) {}

  /** The sandbox's time in Unix seconds: what every `created`, period and due date uses. */
  now(): number {
    if (this.pinnedAt !== null) return this.pinnedAt;
    return Math.floor(Date.now() / 1000) + this.store.state.clock.offsetSeconds;
  }

  /** Runs `task` as if the clock read `time`: for work that fell due while the clock jumped. */
  at<T>(time: number, task: () => T): T {
    const previous = this.pinnedAt;
    this.pinnedAt = time;
    try {
      return task();
    } finally {
      this.pinnedAt = previous;
    }
  }

  emit(type: string, object: StripeObject, previous?: PreviousAttributes): StripeEvent {
    const event = buildEvent(type, object, this.currentRequest, this.now(), previous);
    this.store.state.events[event.id] = event;
    this.webhooks.enqueue(event);
    return event;
  }

  /** Runs `task` as the sandbox itself (no request), then saves what it changed. */
  later(task: () => void, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.asSandbox(task);
    }, delayMs);
    this.timers.add(timer);
  }

  asSandbox(task: () => void): void {
    const previous = this.currentRequest;
    this.currentRequest = { id: null, idempotency_key: null };
    try {
      task();
      this.store.save();
    } finally {
      this.currentRequest = previous;
    }
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
