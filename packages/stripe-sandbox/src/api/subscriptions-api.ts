/**
 * `/v1/subscriptions` (retrieve, list, update, cancel), `/v1/invoices` (retrieve, list, lines),
 * `/v1/invoice_payments` and `/v1/payment_methods`. Subscriptions are created by paying a
 * `subscription` mode Checkout Session (or payment link); `POST /v1/subscriptions` is not
 * modelled. Updates the sandbox models: `cancel_at_period_end`, `default_payment_method`,
 * `description`, `metadata`, and one item's price (plan-switch-api.ts).
 */
import { cancelSubscription } from "../billing/billing";
import { changedFields, mergeMetadata } from "./catalog-api";
import type { SandboxContext } from "../context";
import { invalidRequest } from "./errors";
import type { Params } from "./form";
import { createdFilter, expandObject, paginate, route, type Route } from "./router";
import { periodEndOf, type Subscription } from "../objects/subscription-objects";
import { changeItemPrice, priceChangeFrom } from "./plan-switch-api";

const CANCELED_UPDATE =
  "A canceled subscription can only update its cancellation_details and metadata.";

/** The subscription with its items' prices as they are now (a price can be deactivated). */
function subscriptionJson(context: SandboxContext, subscription: Subscription, expand: string[]) {
  const copy = structuredClone(subscription);
  for (const item of copy.items.data) {
    const price = context.store.state.prices[item.price.id];
    if (price) {
      item.price = structuredClone(price);
      item.plan.active = price.active;
    }
  }
  return expandObject(context.store, copy, expand);
}

/** The fields `cancel_at_period_end` moves with it, as Stripe sets them. */
function cancelAtPeriodEndChanges(
  context: SandboxContext,
  subscription: Subscription,
  cancelAtPeriodEnd: boolean,
): Partial<Subscription> {
  if (subscription.status === "canceled") throw invalidRequest(CANCELED_UPDATE);
  return {
    cancel_at_period_end: cancelAtPeriodEnd,
    cancel_at: cancelAtPeriodEnd ? periodEndOf(subscription) : null,
    canceled_at: cancelAtPeriodEnd ? (subscription.canceled_at ?? context.now()) : null,
    cancellation_details: {
      comment: null,
      feedback: null,
      reason: cancelAtPeriodEnd ? "cancellation_requested" : null,
    },
  };
}

/** Sets or clears `cancel_at_period_end`, with `customer.subscription.updated` if it changed. */
export function setCancelAtPeriodEnd(
  context: SandboxContext,
  subscription: Subscription,
  cancelAtPeriodEnd: boolean,
) {
  applyChanges(
    context,
    subscription,
    cancelAtPeriodEndChanges(context, subscription, cancelAtPeriodEnd),
  );
}

/** Applies changes and emits `customer.subscription.updated` with what they replaced. */
export function applyChanges(
  context: SandboxContext,
  subscription: Subscription,
  changes: Partial<Subscription>,
) {
  const previous = changedFields(subscription, changes);
  if (Object.keys(previous).length === 0) return;
  Object.assign(subscription, changes);
  context.emit("customer.subscription.updated", subscription, previous);
}

function updateSubscription(context: SandboxContext, subscription: Subscription, params: Params) {
  const cancelAtPeriodEnd = params.boolean("cancel_at_period_end");
  const methodId = params.string("default_payment_method");
  const description = params.string("description");
  const metadata = mergeMetadata(subscription.metadata, params.metadata());
  const priceChange = priceChangeFrom(params);
  const onlyMetadata =
    cancelAtPeriodEnd === undefined && !methodId && description === undefined && !priceChange;
  if (subscription.status === "canceled" && !onlyMetadata) throw invalidRequest(CANCELED_UPDATE);
  if (methodId) {
    const saved = context.store.state.paymentMethods[methodId];
    if (saved?.paymentMethod.customer !== subscription.customer) {
      throw invalidRequest(
        `The customer does not have a payment method with the ID ${methodId}. The payment method must be attached to the customer.`,
        { param: "default_payment_method" },
      );
    }
  }
  const changes: Partial<Subscription> = {
    ...(cancelAtPeriodEnd === undefined
      ? {}
      : cancelAtPeriodEndChanges(context, subscription, cancelAtPeriodEnd)),
    metadata,
  };
  if (methodId) changes.default_payment_method = methodId;
  if (description !== undefined) changes.description = description || null;
  applyChanges(context, subscription, changes);
  // Last, so the change is invoiced with the card and settings given in the same request.
  if (priceChange) changeItemPrice(context, subscription, priceChange);
}

function subscriptionFilter(params: Params) {
  const customer = params.string("customer");
  const price = params.string("price");
  const status = params.oneOf("status", [
    "active",
    "all",
    "canceled",
    "ended",
    "incomplete",
    "incomplete_expired",
    "past_due",
    "paused",
    "trialing",
    "unpaid",
  ] as const);
  return (subscription: Subscription) => {
    if (customer && subscription.customer !== customer) return false;
    if (price && !subscription.items.data.some((item) => item.price.id === price)) return false;
    if (status === "all") return true;
    if (status === "ended") return subscription.ended_at !== null;
    // Stripe lists every subscription that is not canceled when no status is given.
    if (status === undefined) return subscription.status !== "canceled";
    return subscription.status === status;
  };
}

export const subscriptionRoutes: Route[] = [
  route("POST", "/v1/subscriptions", () => {
    throw invalidRequest(
      "The Stripe sandbox creates subscriptions through Checkout Sessions in `subscription` mode.",
    );
  }),
  route("GET", "/v1/subscriptions", ({ context, params, expand }) => {
    const subscriptions = Object.values(context.store.state.subscriptions)
      .filter(subscriptionFilter(params))
      .filter(createdFilter(params))
      .reverse();
    const page = paginate("/v1/subscriptions", subscriptions, params);
    const data = page.data.map((item) => subscriptionJson(context, item, []));
    return expandObject(context.store, { ...page, data }, expand);
  }),
  route("GET", "/v1/subscriptions/:id", ({ context, pathParams, expand }) => {
    return subscriptionJson(context, context.store.subscription(pathParams[0]), expand);
  }),
  route("POST", "/v1/subscriptions/:id", ({ context, pathParams, params, expand }) => {
    const subscription = context.store.subscription(pathParams[0]);
    updateSubscription(context, subscription, params);
    return subscriptionJson(context, subscription, expand);
  }),
  route("DELETE", "/v1/subscriptions/:id", ({ context, pathParams, expand }) => {
    const subscription = context.store.subscription(pathParams[0]);
    if (subscription.status === "canceled") throw invalidRequest(CANCELED_UPDATE);
    cancelSubscription(context, subscription, "cancellation_requested");
    return subscriptionJson(context, subscription, expand);
  }),
  route("GET", "/v1/invoices", ({ context, params, expand }) => {
    const customer = params.string("customer");
    const subscription = params.string("subscription");
    const status = params.oneOf("status", ["draft", "open", "paid", "uncollectible", "void"]);
    const invoices = Object.values(context.store.state.invoices)
      .filter((invoice) => !customer || invoice.customer === customer)
      .filter(
        (invoice) =>
          !subscription || invoice.parent.subscription_details.subscription === subscription,
      )
      .filter((invoice) => !status || invoice.status === status)
      .filter(createdFilter(params))
      .reverse();
    return expandObject(context.store, paginate("/v1/invoices", invoices, params), expand);
  }),
  route("GET", "/v1/invoices/:id", ({ context, pathParams, expand }) => {
    // `payments` is not there by default: `expand[]=payments` includes it (router.ts).
    return expandObject(context.store, context.store.invoice(pathParams[0]), expand);
  }),
  route("GET", "/v1/invoices/:id/lines", ({ context, pathParams, params }) => {
    const invoice = context.store.invoice(pathParams[0]);
    return paginate(invoice.lines.url, invoice.lines.data, params);
  }),
  route("GET", "/v1/invoice_payments", ({ context, params, expand }) => {
    const invoice = params.string("invoice");
    const intent = params.object("payment")?.string("payment_intent");
    const status = params.oneOf("status", ["open", "paid", "canceled"]);
    const payments = Object.values(context.store.state.invoicePayments)
      .filter((payment) => !invoice || payment.invoice === invoice)
      .filter((payment) => !intent || payment.payment.payment_intent === intent)
      .filter((payment) => !status || payment.status === status)
      .reverse();
    return expandObject(context.store, paginate("/v1/invoice_payments", payments, params), expand);
  }),
  route("GET", "/v1/invoice_payments/:id", ({ context, pathParams, expand }) => {
    return expandObject(context.store, context.store.invoicePayment(pathParams[0]), expand);
  }),
  route("GET", "/v1/payment_methods/:id", ({ context, pathParams, expand }) => {
    const { paymentMethod } = context.store.paymentMethod(pathParams[0]);
    return expandObject(context.store, paymentMethod, expand);
  }),
  route("GET", "/v1/customers/:id/payment_methods", ({ context, pathParams, params }) => {
    const customer = context.store.customer(pathParams[0]);
    const methods = Object.values(context.store.state.paymentMethods)
      .map((record) => record.paymentMethod)
      .filter((method) => method.customer === customer.id)
      .reverse();
    return paginate(`/v1/customers/${customer.id}/payment_methods`, methods, params);
  }),
];
