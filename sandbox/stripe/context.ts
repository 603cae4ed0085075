/**
 * What every handler works with: the store, event emission (stored for `/v1/events` and handed
 * to webhook delivery), the sandbox's settings and its own timers.
 */
import { buildEvent, type EventRequest, type StripeEvent, type StripeObject } from "./events";
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

  constructor(
    readonly store: Store,
    readonly webhooks: WebhookDispatcher,
    readonly settings: SandboxSettings,
  ) {}

  emit(type: string, object: StripeObject): StripeEvent {
    const event = buildEvent(type, object, this.currentRequest);
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
