/**
 * bench:soak's traffic: the mix of requests, what each kind sends and counts as a correct
 * answer (soak-schedule.ts starts them on time).
 *
 * Checkouts feed the webhooks: each started Checkout Session is read back from the Stripe sandbox
 * (its order id, amount and currency, as Stripe's event would carry them) and becomes payable
 * PAY_DELAY_MS after its checkout answered; a `webhook` slot pays the oldest payable order with a
 * new `checkout.session.completed`, and a `duplicate` slot sends one already applied again (a
 * Stripe retry: the same event, signed anew).
 */
import { performance } from "node:perf_hooks";
import type Stripe from "stripe";
import type { PayableOrder } from "./soak-seed";
import {
  checkoutSession,
  serialiseEvent,
  stripeDeliveryHeaders,
  stripeEvent,
  stripeSignature,
} from "../../tooling/stripe";

export const KINDS = ["catalog", "offering", "checkout", "webhook", "duplicate"] as const;
export type Kind = (typeof KINDS)[number];

/** Requests of each kind in every 50 (a second, at the default rate of 50 requests/s). */
export const MIX: Record<Kind, number> = {
  catalog: 20, // GET /offerings signed out (the cached catalog)
  offering: 5, // GET /offerings/<id> signed out (rendered per request)
  checkout: 10, // POST /api/checkout/sessions, a new signed-in buyer each
  webhook: 10, // a new checkout.session.completed for a pending order
  duplicate: 5, // an already applied checkout.session.completed again
};
export const MIX_SIZE = KINDS.reduce((sum, kind) => sum + MIX[kind], 0);

const PAY_DELAY_MS = 2_000;
const RECENT_DELIVERIES = 500;
const TIMEOUT_MS = 30_000;

/** One request: when it was answered (ms since the run began), how long it took, and whether it was right. */
export type SoakSample = {
  kind: Kind;
  answeredAt: number;
  latencyMs: number;
  /** How late the runner started it against its schedule: the load generator's own health. */
  lagMs: number;
  ok: boolean;
  status: number;
  detail: string;
};

export type Answer = { status: number; ok: boolean; detail: string };

export type TrafficOptions = {
  baseUrl: string;
  webhookSecret: string;
  offeringIds: string[];
  checkoutOfferingIds: string[];
  /** Cookie headers of the buyers, one per checkout. */
  buyerCookies: string[];
  /** Pending orders the webhook slots pay while no checkout is ready. */
  reserve: PayableOrder[];
  /** The SDK on the sandbox, to read back the sessions the app created. */
  sandbox: Stripe;
  /** The answer counts as correct only if it is the whole catalog. */
  isFullCatalog: (html: string) => boolean;
};

// fetch would otherwise ask for gzip; the server's compression is not what is measured here.
const IDENTITY = { "accept-encoding": "identity" };

export class SoakTraffic {
  private slot = 0;
  private checkouts = 0;
  private pages = 0;
  private readonly payable: Array<{ order: PayableOrder; readyAt: number }> = [];
  private readonly delivered: Array<{ payload: string }> = [];
  /** Orders whose completion the webhook acknowledged as applied (duplicate: false). */
  readonly paidOrderIds = new Set<string>();
  readonly counts = { checkoutsStarted: 0, reserveUsed: 0, skipped: 0, unreadSessions: 0 };
  private readonly pattern = slotPattern();

  constructor(private readonly options: TrafficOptions) {}

  /** The kind of the next slot in the repeating one-second pattern. */
  nextKind(): Kind {
    return this.pattern[this.slot++ % this.pattern.length];
  }

  async send(kind: Kind): Promise<Answer> {
    switch (kind) {
      case "catalog":
        return this.get("/offerings", (body) => this.options.isFullCatalog(body));
      case "offering": {
        const ids = this.options.offeringIds;
        const id = ids[this.pages++ % ids.length];
        return this.get(`/offerings/${id}`, (body) => body.includes("Get Started"));
      }
      case "checkout":
        return this.startCheckout();
      case "webhook":
        return this.payNext();
      case "duplicate":
        return this.deliverAgain();
    }
  }

  private async get(path: string, complete: (body: string) => boolean): Promise<Answer> {
    const response = await fetch(`${this.options.baseUrl}${path}`, {
      headers: IDENTITY,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body = await response.text();
    const ok = response.status === 200 && complete(body);
    return { status: response.status, ok, detail: ok ? "" : `${path}: ${body.slice(0, 200)}` };
  }

  private async startCheckout(): Promise<Answer> {
    const { baseUrl, buyerCookies, checkoutOfferingIds, sandbox } = this.options;
    const index = this.checkouts++;
    const cookie = buyerCookies[index];
    if (!cookie) throw new Error(`only ${buyerCookies.length} buyers were seeded`);
    const offeringId = checkoutOfferingIds[index % checkoutOfferingIds.length];
    const response = await fetch(`${baseUrl}/api/checkout/sessions`, {
      method: "POST",
      headers: { ...IDENTITY, cookie, origin: baseUrl, "content-type": "application/json" },
      body: JSON.stringify({ offeringId }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body = await response.text();
    const answer = parseJson(body) as { success?: boolean; sessionId?: string };
    if (response.status !== 201 || !answer.success || !answer.sessionId) {
      return { status: response.status, ok: false, detail: `checkout: ${body.slice(0, 200)}` };
    }
    this.counts.checkoutsStarted++;
    // What Stripe's event will say of the session: read outside the measured latency.
    void sandbox.checkout.sessions.retrieve(answer.sessionId).then(
      (session) => {
        const orderId = session.metadata?.orderId ?? "";
        const amount = session.amount_total ?? 0;
        const order = {
          orderId,
          offeringId,
          sessionId: session.id,
          amount,
          currency: session.currency ?? "",
        };
        this.payable.push({ order, readyAt: performance.now() + PAY_DELAY_MS });
      },
      () => this.counts.unreadSessions++,
    );
    return { status: response.status, ok: true, detail: "" };
  }

  /** The oldest checkout ready to be paid, else a reserve order; none left is a skipped slot. */
  private nextPayable(): PayableOrder | undefined {
    const first = this.payable[0];
    if (first && first.readyAt <= performance.now()) return this.payable.shift()?.order;
    const reserve = this.options.reserve.pop();
    if (reserve) this.counts.reserveUsed++;
    return reserve;
  }

  private async payNext(): Promise<Answer> {
    const order = this.nextPayable();
    if (!order) return this.skip();
    const session = checkoutSession({
      orderId: order.orderId,
      sessionId: order.sessionId,
      metadata: { orderId: order.orderId, offeringId: order.offeringId },
      amount: order.amount,
      currency: order.currency,
    });
    const payload = serialiseEvent(stripeEvent("checkout.session.completed", session));
    const answer = await this.deliver(payload, false);
    if (answer.ok) {
      this.paidOrderIds.add(order.orderId);
      this.delivered.push({ payload });
      if (this.delivered.length > RECENT_DELIVERIES) this.delivered.shift();
    }
    return answer;
  }

  private async deliverAgain(): Promise<Answer> {
    const recent = this.delivered[Math.floor(Math.random() * this.delivered.length)];
    return recent ? this.deliver(recent.payload, true) : this.skip();
  }

  /** Posts an event as Stripe does, signed now; right only if applied (or not) as expected. */
  private async deliver(payload: string, duplicate: boolean): Promise<Answer> {
    const { baseUrl, webhookSecret } = this.options;
    const response = await fetch(`${baseUrl}/api/webhooks/stripe`, {
      method: "POST",
      headers: stripeDeliveryHeaders(stripeSignature(payload, { secret: webhookSecret })),
      body: payload,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body = await response.text();
    const applied = new RegExp(`"duplicate":\\s*${duplicate}`).test(body);
    const ok = response.status === 200 && applied;
    return { status: response.status, ok, detail: ok ? "" : `webhook: ${body.slice(0, 200)}` };
  }

  private skip(): Answer {
    this.counts.skipped++;
    return { status: -1, ok: true, detail: "skipped" };
  }
}

/** A JSON answer's fields; an empty object for anything else (an HTML error page). */
function parseJson(body: string): Record<string, unknown> {
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** MIX_SIZE slots, each kind spread evenly over them (not bunched). */
function slotPattern(): Kind[] {
  const slots = KINDS.flatMap((kind) =>
    Array.from({ length: MIX[kind] }, (_, index) => ({ kind, at: (index + 0.5) / MIX[kind] })),
  );
  return slots.sort((a, b) => a.at - b.at).map((slot) => slot.kind);
}
