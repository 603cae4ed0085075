/**
 * A subscription's price change as the API takes it: `items[0][id]` + `items[0][price]` with
 * `proration_behavior`, `proration_date`, `payment_behavior` on `POST /v1/subscriptions/:id`, or
 * the same under `subscription_details` on `POST /v1/invoices/create_preview`. One item at a
 * time, and `billing_cycle_anchor` only `unchanged`: what the sandbox models
 * (billing/plan-switch.ts).
 */
import { changeItemPrice, previewInvoice, type PriceChange } from "../billing/plan-switch";
import { invalidRequest } from "./errors";
import type { Params } from "./form";
import { route, type Route } from "./router";

const BEHAVIORS = ["create_prorations", "always_invoice", "none"] as const;

/** The change `params` asks for, or null when it names no items. */
export function priceChangeFrom(params: Params, paymentBehavior = true): PriceChange | null {
  const items = params.list("items");
  if (!items || items.length === 0) return null;
  if (items.length > 1) {
    throw invalidRequest("The Stripe sandbox changes one subscription item at a time.", {
      param: params.name("items"),
    });
  }
  const [item] = items;
  if (item.has("deleted") || item.has("quantity")) {
    throw invalidRequest("The Stripe sandbox only changes an item's price.", {
      param: item.name("price"),
    });
  }
  const anchor = params.string("billing_cycle_anchor");
  if (anchor !== undefined && anchor !== "unchanged") {
    throw invalidRequest("The Stripe sandbox only models billing_cycle_anchor=unchanged.", {
      param: params.name("billing_cycle_anchor"),
    });
  }
  const payment = paymentBehavior
    ? params.oneOf("payment_behavior", ["allow_incomplete", "error_if_incomplete"] as const)
    : undefined;
  return {
    itemId: item.requiredString("id"),
    priceId: item.requiredString("price"),
    behavior: params.oneOf("proration_behavior", BEHAVIORS) ?? "create_prorations",
    prorationDate: params.integer("proration_date"),
    paymentBehavior: payment ?? "allow_incomplete",
  };
}

export { changeItemPrice };

export const invoicePreviewRoutes: Route[] = [
  route("POST", "/v1/invoices/create_preview", ({ context, params }) => {
    const id = params.string("subscription");
    if (!id) {
      throw invalidRequest(
        "The Stripe sandbox previews invoices of an existing subscription: pass `subscription`.",
        { param: "subscription" },
      );
    }
    const subscription = context.store.subscription(id, "subscription");
    const customer = params.string("customer");
    if (customer && customer !== subscription.customer) {
      throw invalidRequest(`The subscription ${id} does not belong to the customer ${customer}.`, {
        param: "customer",
      });
    }
    const details = params.object("subscription_details");
    const change = details ? priceChangeFrom(details, false) : null;
    return previewInvoice(context, subscription, change);
  }),
];
