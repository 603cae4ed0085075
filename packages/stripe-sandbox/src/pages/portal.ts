/**
 * The billing portal (`/p/session/<id>`): what a portal session's `url` opens. Paths:
 * - `GET  /p/session/<id>`: subscriptions, saved card, invoices, one-time payments;
 * - `POST /p/session/<id>/subscriptions/<sub>/cancel-at-period-end` | `resume` | `cancel-now`;
 * - `GET  /p/session/<id>/card`, `POST /p/session/<id>/card`: save a new card as the default for
 *   the customer and their subscriptions, and retry a past-due subscription's open invoices.
 * Each POST answers 303 back to the portal with a short confirmation. Simplification: a portal
 * session's page stays valid for the sandbox's lifetime (Stripe's expire after a while).
 */
import { cancelSubscription, payInvoice } from "../billing/billing";
import { openInvoicesOf } from "../billing/invoicing";
import { changedFields } from "../api/catalog-api";
import { cardDigits, checkCard } from "../billing/cards";
import { runDueWork } from "../billing/clock";
import type { SandboxContext } from "../context";
import { decodeForm, Params } from "../api/form";
import { attachCard } from "../billing/payment-methods";
import {
  renderCardPage,
  renderPortalPage,
  type PortalPayment,
  type PortalSubscription,
} from "./portal-page";
import {
  htmlResponse,
  redirectResponse,
  type SandboxRequest,
  type SandboxResponse,
} from "./responses";
import type { Subscription } from "../objects/subscription-objects";
import { applyChanges, setCancelAtPeriodEnd } from "../api/subscriptions-api";

const NOTICES: Record<string, string> = {
  cancel_scheduled: "Your subscription will end at the end of the current period.",
  resumed: "Your subscription was resumed.",
  canceled: "Your subscription was canceled.",
  card_saved: "Your card was saved.",
  card_saved_paid: "Your card was saved and your outstanding invoice was paid.",
  card_saved_failed: "Your card was saved, but your outstanding invoice could not be paid with it.",
};

function oneTimePayments(context: SandboxContext, customerId: string): PortalPayment[] {
  const { state } = context.store;
  const customer = context.store.customer(customerId);
  return Object.values(state.checkoutSessions)
    .filter(({ session }) => {
      const paidByEmail = customer.email && session.customer_details?.email === customer.email;
      return session.payment_intent && (session.customer === customer.id || paidByEmail);
    })
    .map(({ session, lineItems }) => {
      const intent = state.paymentIntents[session.payment_intent ?? ""];
      const charge = intent.latest_charge ? state.charges[intent.latest_charge] : undefined;
      const description = lineItems.map((item) => item.description).join(", ");
      return { intent, description, refunded: charge?.amount_refunded ?? 0 };
    })
    .reverse();
}

function subscriptionsOf(context: SandboxContext, customerId: string): Subscription[] {
  return Object.values(context.store.state.subscriptions)
    .filter((subscription) => subscription.customer === customerId)
    .reverse();
}

function portalPage(context: SandboxContext, portalId: string, noticeKey: string | null) {
  const portal = context.store.portalSession(portalId);
  const customer = context.store.customer(portal.customer);
  const { state } = context.store;
  const subscriptions = subscriptionsOf(context, customer.id);
  const entries: PortalSubscription[] = subscriptions.map((subscription) => {
    const price =
      state.prices[subscription.items.data[0].price.id] ?? subscription.items.data[0].price;
    return {
      subscription,
      price,
      productName: state.products[price.product]?.name ?? price.product,
    };
  });
  const cardId =
    customer.invoice_settings.default_payment_method ??
    subscriptions.find((subscription) => subscription.status !== "canceled")
      ?.default_payment_method;
  const invoices = Object.values(state.invoices)
    .filter((invoice) => invoice.customer === customer.id && invoice.status !== "draft")
    .reverse();
  const html = renderPortalPage({
    portalId,
    customer,
    subscriptions: entries,
    card: cardId ? (state.paymentMethods[cardId]?.paymentMethod ?? null) : null,
    invoices,
    payments: oneTimePayments(context, customer.id),
    returnUrl: portal.return_url,
    notice: noticeKey ? (NOTICES[noticeKey] ?? null) : null,
    now: context.now(),
  });
  return htmlResponse(200, html);
}

function back(portalId: string, notice: string): SandboxResponse {
  return redirectResponse(`/p/session/${encodeURIComponent(portalId)}?notice=${notice}`);
}

function subscriptionAction(
  context: SandboxContext,
  portalId: string,
  subscriptionId: string,
  action: string,
): SandboxResponse | null {
  const portal = context.store.portalSession(portalId);
  const subscription = context.store.subscription(subscriptionId);
  if (subscription.customer !== portal.customer) return null;
  // A second click on a page that is no longer current changes nothing.
  if (subscription.status === "canceled") return back(portalId, "canceled");
  if (action === "cancel-at-period-end") setCancelAtPeriodEnd(context, subscription, true);
  else if (action === "resume") setCancelAtPeriodEnd(context, subscription, false);
  else if (action === "cancel-now")
    cancelSubscription(context, subscription, "cancellation_requested");
  else return null;
  context.store.save();
  const notices: Record<string, string> = {
    "cancel-at-period-end": "cancel_scheduled",
    resume: "resumed",
    "cancel-now": "canceled",
  };
  return back(portalId, notices[action]);
}

/** Saves the card as the default everywhere, then retries what a past-due subscription owes. */
function saveCard(context: SandboxContext, portalId: string, body: string): SandboxResponse {
  const portal = context.store.portalSession(portalId);
  const customer = context.store.customer(portal.customer);
  const params = new Params(decodeForm(body));
  const number = params.string("card_number") ?? "";
  const check = checkCard(
    { number, expiry: params.string("card_expiry") ?? "", cvc: params.string("card_cvc") ?? "" },
    new Date(context.now() * 1000),
  );
  if (check.result === "invalid") return htmlResponse(400, renderCardPage(portalId, check.message));
  // Saving a card checks it with the bank: a declining card is not saved.
  if (check.result === "declined") {
    return htmlResponse(402, renderCardPage(portalId, check.decline.message));
  }
  const card = attachCard(context, {
    card: check,
    digits: cardDigits(number),
    customer: customer.id,
    email: customer.email,
  });
  const invoiceSettings = { ...customer.invoice_settings, default_payment_method: card.id };
  const previous = changedFields(customer, { invoice_settings: invoiceSettings });
  customer.invoice_settings = invoiceSettings;
  context.emit("customer.updated", customer, previous);
  const live = subscriptionsOf(context, customer.id).filter((item) => item.status !== "canceled");
  for (const subscription of live) {
    applyChanges(context, subscription, { default_payment_method: card.id });
  }
  let notice = "card_saved";
  for (const subscription of live.filter((item) => item.status === "past_due")) {
    for (const invoice of openInvoicesOf(context, subscription)) {
      const paid = payInvoice(context, invoice, "manual");
      if (!paid) notice = "card_saved_failed";
      else if (notice === "card_saved") notice = "card_saved_paid";
    }
  }
  context.store.save();
  return back(portalId, notice);
}

/** `segments`: the path after `/p/session/`, e.g. `[id]`, `[id, "card"]`. */
export function handlePortal(
  context: SandboxContext,
  request: SandboxRequest,
  segments: string[],
): SandboxResponse | null {
  const [portalId, section, subscriptionId, action, extra] = segments;
  if (!portalId || extra !== undefined) return null;
  runDueWork(context);
  const method = request.method;
  if (section === undefined && method === "GET") {
    return portalPage(context, portalId, request.url.searchParams.get("notice"));
  }
  if (section === "card" && subscriptionId === undefined) {
    context.store.portalSession(portalId);
    if (method === "GET") return htmlResponse(200, renderCardPage(portalId, null));
    if (method === "POST") return saveCard(context, portalId, request.body);
  }
  if (section === "subscriptions" && subscriptionId && action && method === "POST") {
    return subscriptionAction(context, portalId, subscriptionId, action);
  }
  return null;
}
