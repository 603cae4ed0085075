/**
 * The package's public API (`@offerings/stripe-sandbox`): a local stand-in for the part of Stripe
 * the app uses. Start it, then point the unmodified SDK at it:
 * `new Stripe(key, { ...sandbox.sdkOptions })`. It speaks Stripe's wire format, renders its own
 * checkout pages, and signs and delivers events like Stripe. Only the launcher and tests use it.
 */
import type { AddressInfo } from "node:net";
import { advanceClockBy, readClock, runDueWork, type ClockSummary } from "./billing/clock";
import { SandboxContext } from "./context";
import { scheduleSettlement } from "./billing/payments";
import { createSandboxServer } from "./server";
import { Store } from "./store";
import { WebhookDispatcher, type DeliveryAttempt, type DeliveryMode } from "./webhooks";

export type { DeliveryAttempt, DeliveryMode } from "./webhooks";
export type { ClockSummary } from "./billing/clock";

export interface StripeSandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** The URL browsers use to reach the sandbox; defaults to http://localhost:<port>. */
  publicUrl?: string;
  /** Where events are POSTed; can be set later with `setWebhookUrl`. */
  webhookUrl?: string;
  /** The `whsec_…` secret events are signed with. */
  webhookSecret: string;
  /** Multiplies Stripe's retry delays (1 min, 5 min, …): 0.001 in tests. Default 0.01. */
  retryScale?: number;
  /** How long a bank debit stays processing before it settles. Default 3000 ms. */
  asyncSettleMs?: number;
  /** Keep state in this JSON file across restarts. */
  dataFile?: string;
  /** Event types delivered to the webhook URL, as on a Stripe endpoint. Default `["*"]`. */
  enabledEvents?: string[];
  /**
   * Start with deliveries held until `resumeDeliveries()`: a launcher that creates objects before
   * its app listens (seeding) has their events delivered once the app answers, not refused.
   */
  holdDeliveries?: boolean;
}

export interface StripeSandbox {
  /** Base URL of the API as bound, e.g. http://127.0.0.1:12111. */
  url: string;
  port: number;
  publicUrl: string;
  /** Spread into the SDK's config: `new Stripe(key, { ...sandbox.sdkOptions })`. */
  sdkOptions: { host: string; port: number; protocol: "http" };
  close(): Promise<void>;
  setWebhookUrl(url: string | null): void;
  /** Every delivery attempt so far, oldest first. */
  readonly deliveries: readonly DeliveryAttempt[];
  setDeliveryMode(mode: Partial<DeliveryMode>): DeliveryMode;
  resetDeliveryMode(): DeliveryMode;
  /** Releases held (paused or reordered) events now; returns how many. */
  flushDeliveries(): number;
  /** Ends the hold of `holdDeliveries` (or a pause): held events go out now, new ones at once. */
  resumeDeliveries(): void;
  /** The sandbox's time, Unix seconds (real time plus however far the clock was advanced). */
  now(): number;
  /**
   * Moves the sandbox's clock forward and runs everything that falls due on the way (renewals,
   * retries, cancellations at period end, session expiry); events are queued when it returns.
   */
  advanceClock(seconds: number): ClockSummary;
}

const SWEEP_INTERVAL_MS = 60_000;

export async function startStripeSandbox(options: StripeSandboxOptions): Promise<StripeSandbox> {
  const host = options.host ?? "127.0.0.1";
  const store = new Store(options.dataFile);
  const webhooks = new WebhookDispatcher({
    secret: options.webhookSecret,
    url: options.webhookUrl ?? null,
    retryScale: options.retryScale ?? 0.01,
    enabledEvents: options.enabledEvents ?? ["*"],
  });
  if (options.holdDeliveries) webhooks.setMode({ paused: true });
  const settings = { publicUrl: "", asyncSettleMs: options.asyncSettleMs ?? 3000 };
  const context = new SandboxContext(store, webhooks, settings);
  const server = createSandboxServer(context);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  settings.publicUrl = (options.publicUrl ?? `http://localhost:${port}`).replace(/\/+$/, "");

  // Bank debits that were still processing when the sandbox last stopped settle now.
  for (const pending of store.state.pendingSettlements) scheduleSettlement(context, pending);
  // Sessions expire and periods end with nobody asking; Stripe still acts and sends the events.
  const sweep = setInterval(() => runDueWork(context), SWEEP_INTERVAL_MS);
  sweep.unref();

  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    publicUrl: settings.publicUrl,
    sdkOptions: { host, port, protocol: "http" },
    async close() {
      clearInterval(sweep);
      webhooks.close();
      context.close();
      store.save();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    setWebhookUrl: (url) => webhooks.setUrl(url),
    get deliveries() {
      return [...webhooks.attempts];
    },
    setDeliveryMode: (mode) => webhooks.setMode(mode),
    resetDeliveryMode: () => webhooks.resetMode(),
    flushDeliveries: () => webhooks.flush(),
    resumeDeliveries: () => void webhooks.setMode({ paused: false }),
    now: () => readClock(context).now,
    advanceClock: (seconds) => advanceClockBy(context, seconds),
  };
}
