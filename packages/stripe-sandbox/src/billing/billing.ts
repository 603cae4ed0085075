/**
 * Invoices and their collection, as Stripe Billing runs them for `charge_automatically`
 * subscriptions: an invoice is created and finalized at once (Stripe waits about an hour before
 * finalizing a renewal), then the subscription's saved card is charged. A failed payment puts
 * the subscription `past_due` and the invoice on the retry schedule below; when the last retry
 * fails the subscription is canceled and the invoice marked uncollectible (Stripe's "cancel the
 * subscription" setting for when all retries fail).
 */
import { savedCardDecline, type CardDecline } from "./cards";
import { declineCard, succeed } from "./charges";
import type { SandboxContext } from "../context";
import type { PreviousAttributes } from "../objects/events";
import type { Invoice, InvoiceLineSource } from "../objects/invoice-objects";
import {
  draftInvoice,
  intentFor,
  invoicePaymentOf,
  issueInvoice,
  openInvoicesOf,
  subscriptionOf,
} from "./invoicing";
import { buildCharge } from "../objects/payment-objects";
import { chargeDetailsOf } from "./payment-methods";
import { dropTrialNotice } from "./trials";
import { advanceSchedule, cancelScheduleOf } from "./schedules";
import {
  nextPeriodEnd,
  periodEndOf,
  type CancellationDetails,
  type Subscription,
} from "../objects/subscription-objects";

const DAY_SECONDS = 86_400;
/**
 * Retries after the first failed attempt, in days after that failure (sandbox-clock time): 3,
 * 5 and 7, so four attempts in all. Stripe's Smart Retries pick their own moments within a
 * configurable window; this fixed schedule is the sandbox's stand-in for it.
 */
export const RETRY_DAYS = [3, 5, 7] as const;

/** What a clock advance did, as `/_sandbox/clock/advance` reports it. */
export interface BillingTally {
  /** New billing periods started (renewal invoices created). */
  renewals: number;
  /** Payment attempts that failed, first attempts and retries alike. */
  failures: number;
  /** Subscriptions that ended (at period end, or after the last retry failed). */
  canceled: number;
}

/**
 * `first`: the checkout payment that saved the card; `automatic`: a renewal or scheduled retry;
 * `manual`: the customer retrying from the portal (does not move the retry schedule).
 */
export type AttemptKind = "first" | "automatic" | "manual";

export function newTally(): BillingTally {
  return { renewals: 0, failures: 0, canceled: 0 };
}

const NO_CARD: CardDecline = {
  code: "resource_missing",
  message: "This customer has no attached payment source or default payment method.",
};

/** Why charging the subscription's saved card now would fail (an off-session charge), or null. */
export function offSessionDecline(
  context: SandboxContext,
  subscription: Subscription,
): CardDecline | null {
  const customer = context.store.customer(subscription.customer);
  const methodId =
    subscription.default_payment_method ?? customer.invoice_settings.default_payment_method;
  const saved = methodId ? context.store.state.paymentMethods[methodId] : undefined;
  if (!saved) return NO_CARD;
  return savedCardDecline(saved.cardDigits, false);
}

/**
 * Charges the subscription's default card (else the customer's) for an open invoice. Returns
 * whether the invoice is now paid; a failure does the dunning steps.
 */
export function payInvoice(
  context: SandboxContext,
  invoice: Invoice,
  kind: AttemptKind,
  tally: BillingTally = newTally(),
): boolean {
  if (invoice.status !== "open") return invoice.status === "paid";
  const subscription = subscriptionOf(context, invoice);
  const customer = context.store.customer(invoice.customer);
  if (invoice.amount_due === 0) {
    markPaid(context, invoice);
    return true;
  }
  const methodId =
    subscription.default_payment_method ?? customer.invoice_settings.default_payment_method;
  const saved = methodId ? context.store.state.paymentMethods[methodId] : undefined;
  invoice.attempt_count += 1;
  invoice.attempted = true;
  if (!saved) {
    paymentFailed(context, invoice, subscription, kind, tally);
    return false;
  }
  const intent = intentFor(context, invoice);
  const charge = buildCharge(intent, {
    email: customer.email,
    details: chargeDetailsOf(saved.paymentMethod),
    status: "pending",
    created: context.now(),
    paymentMethod: saved.paymentMethod.id,
  });
  context.store.state.charges[charge.id] = charge;
  intent.latest_charge = charge.id;
  intent.payment_method = saved.paymentMethod.id;
  const decline = savedCardDecline(saved.cardDigits, kind === "first");
  if (decline) {
    declineCard(context, intent, charge, decline);
    paymentFailed(context, invoice, subscription, kind, tally);
    return false;
  }
  succeed(context, intent, charge);
  markPaid(context, invoice);
  return true;
}

function markPaid(context: SandboxContext, invoice: Invoice) {
  const now = context.now();
  Object.assign(invoice, {
    status: "paid",
    amount_paid: invoice.amount_due,
    amount_remaining: 0,
    next_payment_attempt: null,
    auto_advance: false,
  });
  invoice.status_transitions.paid_at = now;
  delete context.store.state.dunning[invoice.id];
  context.emit("invoice.paid", invoice);
  context.emit("invoice.payment_succeeded", invoice);
  const payment = invoicePaymentOf(context, invoice);
  if (payment) {
    payment.status = "paid";
    payment.amount_paid = invoice.amount_paid;
    payment.status_transitions.paid_at = now;
    context.emit("invoice_payment.paid", payment);
  }
  const subscription = subscriptionOf(context, invoice);
  if (subscription.status === "past_due" && openInvoicesOf(context, subscription).length === 0) {
    setStatus(context, subscription, "active");
  }
}

function setStatus(
  context: SandboxContext,
  subscription: Subscription,
  status: "active" | "past_due",
) {
  const previous: PreviousAttributes = { status: subscription.status };
  subscription.status = status;
  context.emit("customer.subscription.updated", subscription, previous);
}

/** After a failed attempt: the next retry (or none), `invoice.payment_failed`, `past_due`. */
function paymentFailed(
  context: SandboxContext,
  invoice: Invoice,
  subscription: Subscription,
  kind: AttemptKind,
  tally: BillingTally,
) {
  tally.failures += 1;
  const state = context.store.state;
  let exhausted = false;
  if (kind !== "manual") {
    const dunning = state.dunning[invoice.id];
    if (dunning) dunning.retries += 1;
    else state.dunning[invoice.id] = { firstFailureAt: context.now(), retries: 0 };
    const { firstFailureAt, retries } = state.dunning[invoice.id];
    const nextDays = RETRY_DAYS[retries];
    invoice.next_payment_attempt =
      nextDays === undefined ? null : firstFailureAt + nextDays * DAY_SECONDS;
    exhausted = nextDays === undefined;
  }
  context.emit("invoice.payment_failed", invoice);
  if (subscription.status === "active" || subscription.status === "trialing") {
    setStatus(context, subscription, "past_due");
  }
  if (!exhausted) return;
  cancelSubscription(context, subscription, "payment_failed", tally);
  invoice.status = "uncollectible";
  invoice.auto_advance = false;
  invoice.status_transitions.marked_uncollectible_at = context.now();
  context.emit("invoice.marked_uncollectible", invoice);
}

/** Ends a subscription now; Stripe then stops collecting its open invoices. */
export function cancelSubscription(
  context: SandboxContext,
  subscription: Subscription,
  reason: NonNullable<CancellationDetails["reason"]>,
  tally: BillingTally = newTally(),
) {
  const now = context.now();
  subscription.status = "canceled";
  subscription.canceled_at ??= now;
  subscription.ended_at = now;
  subscription.cancellation_details.reason ??= reason;
  for (const invoice of openInvoicesOf(context, subscription)) {
    invoice.next_payment_attempt = null;
    delete context.store.state.dunning[invoice.id];
  }
  dropTrialNotice(context, subscription);
  cancelScheduleOf(context, subscription);
  tally.canceled += 1;
  context.emit("customer.subscription.deleted", subscription);
}

/**
 * The period ended: start the next one, invoice it and charge the saved card off-session. At a
 * trial's end the subscription turns `active` first (a failed charge then makes it `past_due`),
 * and this is its first real invoice, `subscription_cycle` like every renewal.
 */
export function renewSubscription(
  context: SandboxContext,
  subscription: Subscription,
  tally: BillingTally,
) {
  const previous: PreviousAttributes = {
    items: structuredClone(subscription.items),
    latest_invoice: subscription.latest_invoice,
  };
  if (subscription.status === "trialing") {
    previous.status = subscription.status;
    subscription.status = "active";
    dropTrialNotice(context, subscription);
  }
  // A subscription schedule's next phase (a plan change at the period end) takes effect now.
  advanceSchedule(context, subscription, previous);
  const lastPeriod = {
    start: subscription.items.data[0].current_period_start,
    end: periodEndOf(subscription),
  };
  for (const item of subscription.items.data) {
    item.current_period_start = item.current_period_end;
    item.current_period_end = nextPeriodEnd(
      subscription.billing_cycle_anchor,
      item.current_period_end,
      item.plan,
    );
  }
  const lines = subscription.items.data.map((item): InvoiceLineSource => ({
    price: item.price,
    productName: context.store.state.products[item.price.product]?.name ?? item.price.product,
    quantity: item.quantity,
    period: { start: item.current_period_start, end: item.current_period_end },
    subscriptionItem: item.id,
  }));
  // Prorations left pending by a price change (`create_prorations`) are billed with the renewal.
  const pending = context.store.state.pendingInvoiceItems[subscription.id] ?? [];
  delete context.store.state.pendingInvoiceItems[subscription.id];
  lines.unshift(...pending);
  const invoice = draftInvoice(context, subscription, "subscription_cycle", lines, lastPeriod);
  subscription.latest_invoice = invoice.id;
  tally.renewals += 1;
  issueInvoice(context, invoice);
  context.emit("customer.subscription.updated", subscription, previous);
  payInvoice(context, invoice, "automatic", tally);
}
