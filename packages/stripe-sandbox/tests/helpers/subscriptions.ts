/**
 * Subscriptions on the Stripe sandbox, for its own tests: a recurring price, a subscription
 * bought through an embedded session paid on the sandbox's form, the clock control endpoint,
 * the portal's forms, and the events the sandbox recorded since a given moment, in order.
 */
import Stripe from "stripe";
import { addBillingPeriod } from "../../../../lib/calendar/add-billing-period";
import { submitEmbeddedCheckout } from "../../testing/checkout";
import type { SandboxSuite } from "./suite";

export { eventMark, eventsSince } from "../../testing/events";

export async function recurringPrice(
  stripe: Stripe,
  options: { amount?: number; interval?: "month" | "year"; name?: string } = {},
) {
  const product = await stripe.products.create({
    name: options.name ?? "Monthly Membership",
    metadata: { offeringId: "off_monthly" },
  });
  const price = await stripe.prices.create({
    product: product.id,
    currency: "usd",
    unit_amount: options.amount ?? 1900,
    recurring: { interval: options.interval ?? "month" },
    metadata: { offeringId: "off_monthly" },
  });
  return { product, price };
}

/** An embedded subscription-mode session for a new customer, paid (or its trial started) with `cardNumber`. */
export async function subscribe(
  { stripe, sandbox }: SandboxSuite,
  priceId: string,
  options: {
    cardNumber?: string;
    email?: string;
    reference?: string;
    /** `subscription_data.trial_period_days` or `trial_end`: a free trial. */
    trial?: { trial_period_days: number } | { trial_end: number };
  } = {},
) {
  const email = options.email ?? "member@example.com";
  const customer = await stripe.customers.create({ email });
  const reference = options.reference ?? "order_sub";
  const session = await stripe.checkout.sessions.create({
    mode: "subscription",
    ui_mode: "embedded_page",
    customer: customer.id,
    client_reference_id: reference,
    line_items: [{ price: priceId, quantity: 1 }],
    metadata: { orderId: reference },
    subscription_data: {
      metadata: { orderId: reference, offeringId: "off_monthly" },
      ...options.trial,
    },
    return_url: "http://localhost:3000/return?session_id={CHECKOUT_SESSION_ID}",
  });
  const paid = await submitEmbeddedCheckout(sandbox.url, session, {
    cardNumber: options.cardNumber ?? "4242 4242 4242 4242",
    email,
  });
  const completed = await stripe.checkout.sessions.retrieve(session.id);
  return { customer, session: completed, paid, subscriptionId: String(completed.subscription) };
}

export interface AdvanceAnswer {
  now: number;
  offsetSeconds: number;
  renewals: number;
  failures: number;
  canceled: number;
}

/** `POST /_sandbox/clock/advance` with `{ seconds }` or `{ to }`. */
export async function advanceClock(baseUrl: string, body: { seconds: number } | { to: number }) {
  const response = await fetch(`${baseUrl}/_sandbox/clock/advance`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as AdvanceAnswer };
}

/** A billing portal session for the customer, and the base path of its pages. */
export async function portalFor({ stripe, sandbox }: SandboxSuite, customerId: string) {
  const portal = await stripe.billingPortal.sessions.create({
    customer: customerId,
    return_url: "http://localhost:3000/dashboard/billing",
  });
  return { portal, base: `${sandbox.url}/p/session/${portal.id}` };
}

/** Posts a form on a sandbox page as a browser does, without following the redirect. */
export async function postForm(url: string, fields: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: "POST",
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
  return { status: response.status, location: response.headers.get("location") };
}

/** The current period's end, on the subscription's (only) item. */
export function periodEnd(subscription: Stripe.Subscription): number {
  return subscription.items.data[0].current_period_end;
}

export const DAY = 86_400;

/** One calendar month after `seconds` (UTC), the day clamped to the month's end, as Stripe bills. */
export function oneMonthAfter(seconds: number): number {
  return addBillingPeriod(new Date(seconds * 1000), "month").getTime() / 1000;
}

/** Events about any of `ids` (the event's object id), in the order they were emitted. */
export function about(events: Stripe.Event[], ids: Array<string | null | undefined>) {
  const wanted = new Set(ids.filter(Boolean));
  return events.filter((event) => wanted.has((event.data.object as { id?: string }).id));
}

export const eventTypes = (events: Stripe.Event[]) => events.map((event) => event.type);

/** An invoice's payment, payment intent and charge ids (undefined for a $0 invoice: none). */
export async function invoicePaymentIds(stripe: Stripe, invoiceId: string) {
  const [payment] = (await stripe.invoicePayments.list({ invoice: invoiceId })).data;
  const intentId = payment ? String(payment.payment.payment_intent) : undefined;
  const intent = intentId ? await stripe.paymentIntents.retrieve(intentId) : null;
  return [payment?.id, intentId, intent?.latest_charge ? String(intent.latest_charge) : undefined];
}
