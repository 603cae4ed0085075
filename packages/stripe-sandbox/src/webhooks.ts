/**
 * Webhook delivery as Stripe does it: each event POSTed as pretty JSON, signed with
 * `Stripe-Signature: t=…,v1=HMAC-SHA256("t.body")`, retried on non-2xx or network errors on
 * Stripe's schedule (scaled for tests), re-signed on each attempt. Deliveries run in the
 * background and never hold up an API response. Switches let tests duplicate, reorder, delay
 * or hold deliveries, which real Stripe does to endpoints without notice.
 */
import { createHmac } from "node:crypto";
import type { StripeEvent } from "./objects/events";

export interface DeliveryMode {
  /** Send each event this many times (same event id). */
  duplicate: number;
  /** Hold events and send each held batch newest first. */
  reorder: boolean;
  /** Wait this long before the first attempt. */
  delayMs: number;
  /** Hold every event until `flush()`. */
  paused: boolean;
}

export const DEFAULT_DELIVERY_MODE: DeliveryMode = {
  duplicate: 1,
  reorder: false,
  delayMs: 0,
  paused: false,
};

export interface DeliveryAttempt {
  eventId: string;
  type: string;
  /** 1 for the first try, 2 for the first retry, … counted per copy. */
  attempt: number;
  /** Which copy of a duplicated event (0 when not duplicated). */
  copy: number;
  url: string;
  statusCode: number | null;
  error: string | null;
  at: string;
}

export interface WebhookDispatcherOptions {
  secret: string;
  url: string | null;
  retryScale: number;
  /** Event types to send, as on a Stripe webhook endpoint; `*` sends all. */
  enabledEvents: string[];
}

const HOUR_MS = 3_600_000;
/** Stripe retries for up to three days with growing gaps. */
const RETRY_BASE_MS = [60_000, 300_000, 1_800_000, 2 * HOUR_MS, 5 * HOUR_MS];
const RETRY_LATER_MS = 10 * HOUR_MS;
const RETRY_HORIZON_MS = 72 * HOUR_MS;
/** With `reorder` but not `paused`, a held batch goes out after this window. */
export const REORDER_WINDOW_MS = 200;
const ATTEMPT_TIMEOUT_MS = 10_000;

/** The gaps between attempts, unscaled: 1 min, 5 min, 30 min, 2 h, 5 h, then 10 h up to 3 days. */
export function retrySchedule(): number[] {
  const delays = [...RETRY_BASE_MS];
  let total = delays.reduce((sum, delay) => sum + delay, 0);
  while (total + RETRY_LATER_MS <= RETRY_HORIZON_MS) {
    delays.push(RETRY_LATER_MS);
    total += RETRY_LATER_MS;
  }
  return delays;
}

export function signatureHeader(payload: string, secret: string, timestamp: number): string {
  const signature = createHmac("sha256", secret).update(`${timestamp}.${payload}`).digest("hex");
  return `t=${timestamp},v1=${signature}`;
}

export class WebhookDispatcher {
  readonly attempts: DeliveryAttempt[] = [];
  private mode: DeliveryMode = { ...DEFAULT_DELIVERY_MODE };
  private held: StripeEvent[] = [];
  private reorderTimer: NodeJS.Timeout | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private readonly schedule = retrySchedule();
  private closed = false;

  constructor(private readonly options: WebhookDispatcherOptions) {}

  setUrl(url: string | null): void {
    this.options.url = url;
  }

  getMode(): DeliveryMode {
    return { ...this.mode };
  }

  setMode(change: Partial<DeliveryMode>): DeliveryMode {
    this.mode = { ...this.mode, ...change };
    this.releaseIfNoLongerHolding();
    return this.getMode();
  }

  resetMode(): DeliveryMode {
    this.mode = { ...DEFAULT_DELIVERY_MODE };
    this.releaseIfNoLongerHolding();
    return this.getMode();
  }

  enqueue(event: StripeEvent): void {
    if (this.closed || !this.wants(event.type)) return;
    if (!this.mode.paused && !this.mode.reorder) {
      this.dispatch(event);
      return;
    }
    this.held.push(event);
    if (!this.mode.paused && !this.reorderTimer) {
      this.reorderTimer = setTimeout(() => this.flush(), REORDER_WINDOW_MS);
    }
  }

  /** Sends every held event now (newest first when reordering); returns how many. */
  flush(): number {
    if (this.reorderTimer) clearTimeout(this.reorderTimer);
    this.reorderTimer = null;
    const batch = this.mode.reorder ? [...this.held].reverse() : this.held;
    this.held = [];
    for (const event of batch) this.dispatch(event);
    return batch.length;
  }

  /** One fresh delivery of an event, with retries, whatever the switches say. */
  resend(event: StripeEvent): void {
    if (!this.closed) void this.attempt(event, 0, 1);
  }

  close(): void {
    this.closed = true;
    if (this.reorderTimer) clearTimeout(this.reorderTimer);
    for (const timer of this.timers) clearTimeout(timer);
    for (const controller of this.inFlight) controller.abort();
    this.timers.clear();
  }

  private wants(type: string): boolean {
    const enabled = this.options.enabledEvents;
    return enabled.includes("*") || enabled.includes(type);
  }

  private releaseIfNoLongerHolding(): void {
    if (this.held.length === 0 || this.mode.paused) return;
    if (!this.mode.reorder) this.flush();
    else if (!this.reorderTimer) {
      this.reorderTimer = setTimeout(() => this.flush(), REORDER_WINDOW_MS);
    }
  }

  private dispatch(event: StripeEvent): void {
    const copies = Math.max(1, this.mode.duplicate);
    const start = () => {
      for (let copy = 0; copy < copies; copy++) void this.attempt(event, copies > 1 ? copy : 0, 1);
    };
    if (this.mode.delayMs > 0) this.later(start, this.mode.delayMs);
    else start();
  }

  private later(run: () => void, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(event: StripeEvent, copy: number, attempt: number): Promise<void> {
    const url = this.options.url;
    if (this.closed || !url) return;
    const payload = JSON.stringify(event, null, 2);
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), ATTEMPT_TIMEOUT_MS);
    this.inFlight.add(controller);
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          "Cache-Control": "no-cache",
          Accept: "*/*; q=0.5, application/xml",
          "Stripe-Signature": signatureHeader(payload, this.options.secret, unixSeconds()),
        },
        body: payload,
        signal: controller.signal,
      });
      statusCode = response.status;
      // Drain the body so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(controller);
    }
    if (this.closed) return;
    this.attempts.push({
      eventId: event.id,
      type: event.type,
      attempt,
      copy,
      url,
      statusCode,
      error,
      at: new Date().toISOString(),
    });
    const delivered = statusCode !== null && statusCode >= 200 && statusCode < 300;
    const delay = this.schedule[attempt - 1];
    if (delivered || delay === undefined) return;
    this.later(() => void this.attempt(event, copy, attempt + 1), delay * this.options.retryScale);
  }
}

function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
