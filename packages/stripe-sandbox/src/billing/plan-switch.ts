/**
 * Changing a subscription item's price (`POST /v1/subscriptions/:id` with `items[0][id]` and
 * `items[0][price]`), and previewing it (`POST /v1/invoices/create_preview`): the amounts come
 * from proration.ts. `always_invoice` (or any switch to another interval, which resets the
 * billing cycle) makes an invoice now and charges it off-session; `create_prorations` leaves the
 * prorations pending for the next renewal; `none` makes none. `payment_behavior` is
 * `allow_incomplete` (the default: a failed charge leaves the invoice open and the subscription
 * past_due, as a failed renewal does) or `error_if_incomplete` (a charge that would fail changes
 * nothing and answers 402, as Stripe does).
 */
import type { SandboxContext } from "../context";
import { invalidRequest, SandboxApiError } from "../api/errors";
import { buildInvoice, type Invoice, type InvoiceLineSource } from "../objects/invoice-objects";
import type { PreviousAttributes } from "../objects/events";
import type { Price } from "../objects/objects";
import {
  nextPeriodEnd,
  planOf,
  type Subscription,
  type SubscriptionItem,
} from "../objects/subscription-objects";
import { offSessionDecline, payInvoice } from "./billing";
import { draftInvoice, issueInvoice } from "./invoicing";
import { planPriceSwitch, type PriceSwitchPlan, type ProrationBehavior } from "./proration";

export type PaymentBehavior = "allow_incomplete" | "error_if_incomplete";

export interface PriceChange {
  itemId: string;
  priceId: string;
  behavior: ProrationBehavior;
  prorationDate?: number;
  paymentBehavior: PaymentBehavior;
}

interface Planned {
  item: SubscriptionItem;
  price: Price;
  at: number;
  plan: PriceSwitchPlan;
}

function productName(context: SandboxContext, price: Price) {
  return context.store.state.products[price.product]?.name ?? price.product;
}

/** Checks the change as Stripe would, and works out its money (nothing is changed yet). */
function planChange(
  context: SandboxContext,
  subscription: Subscription,
  change: PriceChange,
  param: string,
): Planned {
  if (subscription.status === "canceled" || subscription.status === "incomplete_expired") {
    throw invalidRequest(
      "A canceled subscription can only update its cancellation_details and metadata.",
    );
  }
  if (subscription.schedule && param === "items") {
    throw invalidRequest(
      `The subscription is managed by the subscription schedule \`${subscription.schedule}\`, and updating its items directly is not allowed. Update or release the schedule instead.`,
    );
  }
  const item = subscription.items.data.find((candidate) => candidate.id === change.itemId);
  if (!item) {
    throw invalidRequest(`Invalid subscription_item id: ${change.itemId}`, {
      param: `${param}[0][id]`,
    });
  }
  const price = context.store.price(change.priceId, `${param}[0][price]`);
  if (!price.active) {
    throw invalidRequest(
      `The price specified is inactive. This field only accepts active prices.`,
      {
        param: `${param}[0][price]`,
      },
    );
  }
  if (!price.recurring || price.currency !== item.price.currency) {
    throw invalidRequest("The price must be recurring and in the subscription's currency.", {
      param: `${param}[0][price]`,
    });
  }
  const now = context.now();
  const at = change.prorationDate ?? now;
  if (at < item.current_period_start || at > item.current_period_end || at > now) {
    throw invalidRequest(
      "The proration_date must be within the subscription's current period and not in the future.",
      { param: "proration_date" },
    );
  }
  const plan = planPriceSwitch({
    item,
    oldProductName: productName(context, item.price),
    newPrice: price,
    newProductName: productName(context, price),
    behavior: change.behavior,
    at,
    now,
    trialing: subscription.status === "trialing",
  });
  return { item, price, at, plan: withCredits(context, subscription, item, plan) };
}

/** A credit points at the invoice (and line) that charged for the time it gives back. */
function withCredits(
  context: SandboxContext,
  subscription: Subscription,
  item: SubscriptionItem,
  plan: PriceSwitchPlan,
): PriceSwitchPlan {
  const last = subscription.latest_invoice
    ? context.store.state.invoices[subscription.latest_invoice]
    : undefined;
  const line = last?.lines.data.find(
    (candidate) => candidate.parent.subscription_item_details?.subscription_item === item.id,
  );
  if (!last || !line) return plan;
  const credited = { invoice: last.id, invoice_line_items: [line.id] };
  const mark = (source: InvoiceLineSource): InvoiceLineSource =>
    source.proration && source.proration.amount < 0
      ? { ...source, proration: { ...source.proration, creditedItems: credited } }
      : source;
  return {
    ...plan,
    invoiceLines: plan.invoiceLines.map(mark),
    pendingLines: plan.pendingLines.map(mark),
  };
}

/** Applies the price change, then invoices and charges it now if it is invoiced now. */
export function changeItemPrice(
  context: SandboxContext,
  subscription: Subscription,
  change: PriceChange,
): void {
  const { item, price, plan } = planChange(context, subscription, change, "items");
  const chargesNow =
    plan.invoiceLines.reduce(
      (sum, line) => sum + (line.proration?.amount ?? line.price.unit_amount * line.quantity),
      0,
    ) > 0;
  if (chargesNow && change.paymentBehavior === "error_if_incomplete") {
    const decline = offSessionDecline(context, subscription);
    if (decline) {
      throw new SandboxApiError(402, {
        type: "card_error",
        code: decline.code,
        ...(decline.declineCode ? { decline_code: decline.declineCode } : {}),
        message: decline.message,
        param: "",
      });
    }
  }
  const previous: PreviousAttributes = { items: structuredClone(subscription.items) };
  item.price = price;
  item.plan = planOf(price);
  item.current_period_start = plan.period.start;
  item.current_period_end = plan.period.end;
  if (plan.anchor !== null) {
    previous.billing_cycle_anchor = subscription.billing_cycle_anchor;
    subscription.billing_cycle_anchor = plan.anchor;
    if (subscription.cancel_at_period_end) {
      previous.cancel_at = subscription.cancel_at;
      subscription.cancel_at = plan.period.end;
    }
  }
  if (plan.pendingLines.length > 0) {
    const pending = context.store.state.pendingInvoiceItems;
    pending[subscription.id] = [...(pending[subscription.id] ?? []), ...plan.pendingLines];
  }
  let invoice: Invoice | null = null;
  if (plan.invoiceLines.length > 0) {
    const now = context.now();
    invoice = draftInvoice(context, subscription, "subscription_update", plan.invoiceLines, {
      start: now,
      end: now,
    });
    previous.latest_invoice = subscription.latest_invoice;
    subscription.latest_invoice = invoice.id;
  }
  context.emit("customer.subscription.updated", subscription, previous);
  if (!invoice) return;
  issueInvoice(context, invoice);
  payInvoice(context, invoice, "automatic");
}

/**
 * The invoice a change would make, never stored (`upcoming_in_…`): the one made now when the
 * change is invoiced at once, otherwise the next renewal with the pending prorations. With no
 * change, the next renewal as it stands.
 */
export function previewInvoice(
  context: SandboxContext,
  subscription: Subscription,
  change: PriceChange | null,
): Invoice {
  const customer = context.store.customer(subscription.customer);
  const pending = context.store.state.pendingInvoiceItems[subscription.id] ?? [];
  const planned = change
    ? planChange(context, subscription, change, "subscription_details[items]")
    : null;
  let lines: InvoiceLineSource[];
  if (planned && planned.plan.invoiceLines.length > 0) {
    lines = planned.plan.invoiceLines;
  } else {
    const next = subscription.items.data.map((item): InvoiceLineSource => {
      const price = planned?.item.id === item.id ? planned.price : item.price;
      const plan = planOf(price);
      const end = planned?.item.id === item.id ? planned.plan.period.end : item.current_period_end;
      return {
        price,
        productName: productName(context, price),
        quantity: item.quantity,
        period: { start: end, end: nextPeriodEnd(subscription.billing_cycle_anchor, end, plan) },
        subscriptionItem: item.id,
      };
    });
    lines = [...pending, ...(planned?.plan.pendingLines ?? []), ...next];
  }
  const now = context.now();
  const invoice = buildInvoice({
    subscription,
    customer,
    billingReason: "upcoming",
    lines,
    period: { start: now, end: now },
    created: now,
  });
  invoice.id = `upcoming_${invoice.id}`;
  for (const line of invoice.lines.data) line.invoice = invoice.id;
  invoice.lines.url = `/v1/invoices/${invoice.id}/lines`;
  if (planned) invoice.parent.subscription_details.subscription_proration_date = planned.at;
  return invoice;
}
