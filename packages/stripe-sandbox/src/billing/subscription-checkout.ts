/**
 * Paying a `subscription` mode Checkout Session by card: the customer (created if the session
 * had none), the card saved as the subscription's default payment method, the subscription, its
 * first invoice paid on-session, then the session completes.
 *
 * A card that declines (9995, 0002, …) shows the decline on the form and creates nothing: no
 * customer, subscription or invoice. (Stripe may leave an `incomplete` subscription behind that
 * expires after 23 hours; the sandbox skips that state.)
 *
 * With a trial (`subscription_data.trial_period_days` or `trial_end`) the card is only saved:
 * the subscription is `trialing`, its first period is the trial, its first invoice bills $0 and
 * is paid at once, and the session completes with `no_payment_required`. (Stripe saves the card
 * through a SetupIntent; the sandbox attaches it directly, so a card that declines every charge,
 * 0341, starts a trial as it does at Stripe.)
 */
import { mergeMetadata } from "../api/catalog-api";
import { cardDigits, checkCard } from "./cards";
import { completeSession } from "./charges";
import type { CheckoutSessionRecord } from "../objects/checkout-objects";
import type { SandboxContext } from "../context";
import { payInvoice } from "./billing";
import { draftInvoice, issueInvoice } from "./invoicing";
import { buildCustomer, type Customer } from "../objects/objects";
import { attachCard } from "./payment-methods";
import { buildSubscription } from "../objects/subscription-objects";
import type { PaymentMethodInput, PaymentResult } from "../types";
import { trialEndFrom } from "../api/subscription-data";
import { scheduleTrialNotice } from "./trials";
import { startSubscriptionDiscount } from "./discounts";

function customerFor(context: SandboxContext, record: CheckoutSessionRecord, email: string) {
  const { session } = record;
  if (session.customer) return context.store.customer(session.customer);
  const customer: Customer = buildCustomer({
    email,
    name: null,
    phone: null,
    description: null,
    metadata: {},
    created: context.now(),
  });
  context.store.state.customers[customer.id] = customer;
  context.emit("customer.created", customer);
  session.customer = customer.id;
  return customer;
}

export function paySubscriptionSession(
  context: SandboxContext,
  record: CheckoutSessionRecord,
  email: string,
  method: PaymentMethodInput,
): PaymentResult {
  if (method.type !== "card") {
    return { outcome: "error", message: "Subscriptions can only be paid by card here." };
  }
  const check = checkCard(method, new Date(context.now() * 1000));
  if (check.result === "invalid") return { outcome: "error", message: check.message };
  if (check.result === "declined") return { outcome: "error", message: check.decline.message };

  const { session, lineItems } = record;
  const customer = customerFor(context, record, email);
  const paymentMethod = attachCard(context, {
    card: check,
    digits: cardDigits(method.number),
    customer: customer.id,
    email,
  });
  const recurring = lineItems.filter((item) => item.price.recurring);
  const trial = record.subscriptionData?.trial ?? null;
  const trialEnd = trialEndFrom(trial, context.now());
  const subscription = buildSubscription({
    customer: customer.id,
    items: recurring.map((item) => ({ price: item.price, quantity: item.quantity })),
    defaultPaymentMethod: paymentMethod.id,
    latestInvoice: null,
    metadata: mergeMetadata({}, record.subscriptionData?.metadata),
    description: record.subscriptionData?.description ?? null,
    created: context.now(),
    trial: trial && trialEnd ? { end: trialEnd, endBehavior: trial.endBehavior } : null,
  });
  context.store.state.subscriptions[subscription.id] = subscription;
  startSubscriptionDiscount(context, record, subscription);
  const now = context.now();
  const lines = lineItems.map((item) => {
    const subscriptionItem = subscription.items.data[recurring.indexOf(item)];
    return {
      price: item.price,
      productName: item.description,
      quantity: item.quantity,
      period: subscriptionItem
        ? { start: subscriptionItem.current_period_start, end: subscriptionItem.current_period_end }
        : { start: now, end: now },
      subscriptionItem: subscriptionItem?.id ?? null,
      trial: trialEnd !== null && subscriptionItem !== undefined,
    };
  });
  const invoice = draftInvoice(context, subscription, "subscription_create", lines, {
    start: now,
    end: now,
  });
  subscription.latest_invoice = invoice.id;
  context.emit("customer.subscription.created", subscription);
  scheduleTrialNotice(context, subscription);
  issueInvoice(context, invoice);
  payInvoice(context, invoice, "first");

  session.subscription = subscription.id;
  session.invoice = invoice.id;
  const paymentStatus =
    invoice.amount_due === 0 && trial
      ? "no_payment_required"
      : invoice.status === "paid"
        ? "paid"
        : "unpaid";
  completeSession(context, session, email, paymentStatus);
  return { outcome: "complete", session };
}
