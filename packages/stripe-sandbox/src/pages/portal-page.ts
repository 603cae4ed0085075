/**
 * The billing portal's pages: the customer's subscriptions (with "Cancel at period end" /
 * "Resume subscription" and "Cancel now"), their saved card ("Update card" opens the card page
 * with "Card number", "Expiry (MM/YY)", "CVC" and "Save card"), invoices and one-time payments.
 * Every action is a plain POST form; the portal answers with a 303 back to the page.
 */
import { escapeHtml, layout } from "./html";
import type { Invoice } from "../objects/invoice-objects";
import { formatAmount, type Customer, type Price } from "../objects/objects";
import { input, pricePerInterval } from "./pages";
import type { PaymentIntent } from "../objects/payment-objects";
import { periodEndOf, type Subscription } from "../objects/subscription-objects";
import type { PaymentMethod } from "../types";

export interface PortalPayment {
  intent: PaymentIntent;
  description: string;
  refunded: number;
}

export interface PortalSubscription {
  subscription: Subscription;
  productName: string;
  price: Price;
}

export interface PortalView {
  portalId: string;
  customer: Customer;
  subscriptions: PortalSubscription[];
  card: PaymentMethod | null;
  invoices: Invoice[];
  payments: PortalPayment[];
  returnUrl: string | null;
  notice: string | null;
  now: number;
}

export function isoDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

const STATUS_LABELS: Record<string, string> = {
  active: "Active",
  past_due: "Past due",
  canceled: "Canceled",
  trialing: "Trial",
  incomplete: "Incomplete",
  incomplete_expired: "Expired",
  unpaid: "Unpaid",
  paused: "Paused",
};

function button(action: string, label: string): string {
  return `<form method="post" action="${escapeHtml(action)}" class="inline"><button type="submit">${escapeHtml(label)}</button></form>`;
}

function subscriptionSection(view: PortalView, entry: PortalSubscription): string {
  const { subscription, productName, price } = entry;
  const base = `/p/session/${encodeURIComponent(view.portalId)}/subscriptions/${encodeURIComponent(subscription.id)}`;
  const end = isoDate(periodEndOf(subscription));
  const live = subscription.status !== "canceled";
  let when = "";
  if (!live) when = `Ended on ${isoDate(subscription.ended_at ?? subscription.canceled_at ?? 0)}`;
  else if (subscription.cancel_at_period_end) when = `Ends on ${end}`;
  else if (subscription.status === "trialing") when = `Trial ends on ${end}`;
  else when = `Renews on ${end}`;
  const pastDue =
    subscription.status === "past_due"
      ? `<p class="error">Your last payment failed. Update your card to keep your subscription.</p>`
      : "";
  const actions = live
    ? `<div class="actions">${
        subscription.cancel_at_period_end
          ? button(`${base}/resume`, "Resume subscription")
          : button(`${base}/cancel-at-period-end`, "Cancel at period end")
      }${button(`${base}/cancel-now`, "Cancel now")}</div>`
    : "";
  return `<section class="subscription" aria-label="${escapeHtml(productName)}">
<h3>${escapeHtml(productName)}</h3>
<p>${escapeHtml(pricePerInterval(price.unit_amount, price))} · <span class="status">${escapeHtml(STATUS_LABELS[subscription.status] ?? subscription.status)}</span></p>
<p>${escapeHtml(when)}</p>${pastDue}${actions}
</section>`;
}

function cardSection(view: PortalView): string {
  const card = view.card?.card;
  const saved = card
    ? `<p>${escapeHtml(card.brand.toUpperCase())} •••• ${escapeHtml(card.last4)} · expires ${escapeHtml(String(card.exp_month).padStart(2, "0"))}/${escapeHtml(card.exp_year)}</p>`
    : "<p>No card saved.</p>";
  const action = `/p/session/${encodeURIComponent(view.portalId)}/card`;
  return `<h2>Payment method</h2>${saved}<form method="get" action="${escapeHtml(action)}"><button type="submit">Update card</button></form>`;
}

function invoiceTable(invoices: Invoice[]): string {
  if (invoices.length === 0) return "<p>No invoices yet.</p>";
  const rows = invoices
    .map(
      (invoice) =>
        `<tr><td>${escapeHtml(invoice.number ?? invoice.id)}</td><td>${escapeHtml(isoDate(invoice.created))}</td><td>${escapeHtml(formatAmount(invoice.amount_due, invoice.currency))}</td><td>${escapeHtml(invoice.status)}</td></tr>`,
    )
    .join("");
  return `<table><thead><tr><th>Invoice</th><th>Date</th><th>Amount</th><th>Status</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function paymentTable(payments: PortalPayment[]): string {
  if (payments.length === 0) return "<p>No payments yet.</p>";
  const rows = payments
    .map(({ intent, description, refunded }) => {
      const status =
        refunded > 0 ? `refunded ${formatAmount(refunded, intent.currency)}` : intent.status;
      return `<tr><td>${escapeHtml(isoDate(intent.created))}</td><td>${escapeHtml(description)}</td><td>${escapeHtml(formatAmount(intent.amount, intent.currency))}</td><td>${escapeHtml(status)}</td></tr>`;
    })
    .join("");
  return `<table><thead><tr><th>Date</th><th>Item</th><th>Amount</th><th>Status</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function customerLine(customer: Customer): string {
  const name = escapeHtml(customer.name ?? customer.email ?? customer.id);
  const email = customer.name && customer.email ? ` · ${escapeHtml(customer.email)}` : "";
  return `<p>${name}${email}</p>`;
}

export function renderPortalPage(view: PortalView): string {
  const notice = view.notice
    ? `<p class="notice" role="status">${escapeHtml(view.notice)}</p>`
    : "";
  const subscriptions = view.subscriptions.length
    ? view.subscriptions.map((entry) => subscriptionSection(view, entry)).join("")
    : "<p>No subscriptions.</p>";
  const back = view.returnUrl
    ? `<p><a href="${escapeHtml(view.returnUrl)}">Return to the app</a></p>`
    : "";
  const clock = `<p class="hint">Sandbox time: ${escapeHtml(isoDate(view.now))}. <a href="/clock">Open the sandbox clock</a></p>`;
  return layout(
    "Billing",
    `<h1>Billing</h1>${customerLine(view.customer)}${notice}<h2>Subscriptions</h2>${subscriptions}${cardSection(view)}<h2>Invoices</h2>${invoiceTable(view.invoices)}<h2>Payments</h2>${paymentTable(view.payments)}${clock}${back}`,
  );
}

export function renderCardPage(portalId: string, error: string | null): string {
  const base = `/p/session/${encodeURIComponent(portalId)}`;
  const form = `<form method="post" action="${escapeHtml(`${base}/card`)}" novalidate>
<div id="card-error" class="error" role="alert">${escapeHtml(error)}</div>
${input("card-number", "Card number", "card_number", "", 'inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242"')}
<div class="row">
${input("card-expiry", "Expiry (MM/YY)", "card_expiry", "", 'autocomplete="cc-exp" placeholder="MM / YY"')}
${input("card-cvc", "CVC", "card_cvc", "", 'inputmode="numeric" autocomplete="cc-csc" placeholder="123"')}
</div>
<button type="submit">Save card</button>
</form>`;
  const hint = `<p class="hint">The new card becomes the default for your subscriptions; an unpaid invoice is retried with it at once.</p>`;
  return layout(
    "Update card",
    `<h1>Update card</h1>${form}${hint}<p><a href="${escapeHtml(base)}">Back to billing</a></p>`,
  );
}
