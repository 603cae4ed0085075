/**
 * `/v1/payment_links` and `/v1/billing_portal/sessions`, plus the checkout session a payment
 * link opens when someone visits it. A link with a recurring price opens `subscription` mode
 * sessions, as at Stripe.
 */
import { mergeMetadata } from "./catalog-api";
import { checkModeOfItems, DAY_SECONDS, quantityOf, urlParam } from "./checkout-api";
import { buildCheckoutSession, type CheckoutSessionRecord } from "../objects/checkout-objects";
import type { SandboxContext } from "../context";
import { invalidRequest, invalidValue, parameterMissing } from "./errors";
import type { Params } from "./form";
import {
  buildPaymentLink,
  buildPortalSession,
  type AfterCompletion,
} from "../objects/link-objects";
import { buildLineItem } from "../objects/objects";
import { route, type Route } from "./router";
import type { PaymentLinkRecord } from "../store";

function afterCompletionOf(params: Params): AfterCompletion {
  const afterCompletion = params.object("after_completion");
  const type =
    afterCompletion?.oneOf("type", ["hosted_confirmation", "redirect"] as const) ??
    "hosted_confirmation";
  if (type === "hosted_confirmation") {
    const message = afterCompletion?.object("hosted_confirmation")?.string("custom_message");
    return { type, hosted_confirmation: { custom_message: message || null } };
  }
  const redirect = afterCompletion?.object("redirect");
  const url = redirect ? urlParam(redirect, "url") : null;
  if (!url) throw parameterMissing("after_completion[redirect][url]");
  return { type, redirect: { url } };
}

function currencyOfPrices(context: SandboxContext, priceIds: string[]): string {
  const currencies = new Set(priceIds.map((id) => context.store.price(id).currency));
  if (currencies.size > 1) {
    throw invalidRequest("All line items must use the same currency.", { param: "line_items" });
  }
  return [...currencies][0];
}

/** A link with a recurring price bills a subscription, with the link's `subscription_data`. */
function linkSubscriptionData(
  context: SandboxContext,
  params: Params,
  items: Array<{ price: string; quantity: number }>,
) {
  const data = params.object("subscription_data");
  const lineItems = items.map(({ price, quantity }) =>
    buildLineItem(context.store.price(price), "", quantity),
  );
  const recurring = lineItems.some((item) => item.price.recurring);
  if (!recurring) {
    if (data) {
      throw invalidValue(
        "subscription_data",
        "There must be at least one line item with a recurring price to use `subscription_data`.",
      );
    }
    return null;
  }
  checkModeOfItems("subscription", lineItems, "line_items");
  if (data?.has("trial_period_days")) {
    throw invalidValue(data.name("trial_period_days"), "The Stripe sandbox does not model trials.");
  }
  return {
    metadata: mergeMetadata({}, data?.metadata()),
    description: data?.string("description") || null,
  };
}

/** The session a payment link page opens: hosted, with the link's items, metadata and redirect. */
export function createPaymentLinkSession(
  context: SandboxContext,
  record: PaymentLinkRecord,
  visitor: { clientReferenceId: string | null; email: string | null },
): CheckoutSessionRecord {
  const { link } = record;
  const lineItems = record.lineItems.map(({ price, quantity }) => {
    const stored = context.store.price(price);
    return buildLineItem(stored, context.store.product(stored.product).name, quantity);
  });
  const subscription = link.subscription_data;
  const session = buildCheckoutSession({
    publicUrl: context.settings.publicUrl,
    mode: subscription ? "subscription" : "payment",
    uiMode: "hosted_page",
    lineItems,
    currency: link.currency,
    customer: null,
    customerEmail: visitor.email,
    clientReferenceId: visitor.clientReferenceId,
    metadata: { ...link.metadata },
    successUrl:
      link.after_completion.type === "redirect" ? link.after_completion.redirect.url : null,
    cancelUrl: null,
    returnUrl: null,
    redirectOnCompletion: "always",
    expiresAt: context.now() + DAY_SECONDS,
    paymentLink: link.id,
    created: context.now(),
    allowPromotionCodes: link.allow_promotion_codes,
  });
  const created: CheckoutSessionRecord = {
    session,
    lineItems,
    paymentIntentData: { metadata: { ...link.payment_intent_data?.metadata }, description: null },
    subscriptionData: subscription && {
      metadata: { ...subscription.metadata },
      description: subscription.description,
    },
  };
  context.store.state.checkoutSessions[session.id] = created;
  return created;
}

export const linkRoutes: Route[] = [
  route("POST", "/v1/payment_links", ({ context, params }) => {
    const items = params.list("line_items");
    if (!items || items.length === 0) throw parameterMissing("line_items");
    const lineItems = items.map((item) => ({
      price: context.store.price(item.requiredString("price"), item.name("price")).id,
      quantity: quantityOf(item),
    }));
    const intentMetadata = params.object("payment_intent_data")?.metadata();
    const subscriptionData = linkSubscriptionData(context, params, lineItems);
    if (subscriptionData && intentMetadata) {
      throw invalidValue(
        "payment_intent_data",
        "You can not pass `payment_intent_data` when the line items include a recurring price.",
      );
    }
    const link = buildPaymentLink({
      publicUrl: context.settings.publicUrl,
      currency: currencyOfPrices(
        context,
        lineItems.map((item) => item.price),
      ),
      afterCompletion: afterCompletionOf(params),
      metadata: mergeMetadata({}, params.metadata()),
      paymentIntentMetadata: intentMetadata ? mergeMetadata({}, intentMetadata) : null,
      subscriptionData,
      allowPromotionCodes: params.boolean("allow_promotion_codes") ?? false,
    });
    context.store.state.paymentLinks[link.id] = { link, lineItems };
    context.emit("payment_link.created", link);
    return link;
  }),
  route("GET", "/v1/payment_links/:id", ({ context, pathParams }) => {
    return context.store.paymentLink(pathParams[0]).link;
  }),
  route("POST", "/v1/payment_links/:id", ({ context, pathParams, params }) => {
    const { link } = context.store.paymentLink(pathParams[0]);
    link.active = params.boolean("active") ?? link.active;
    link.allow_promotion_codes =
      params.boolean("allow_promotion_codes") ?? link.allow_promotion_codes;
    link.metadata = mergeMetadata(link.metadata, params.metadata());
    context.emit("payment_link.updated", link);
    return link;
  }),
  route("POST", "/v1/billing_portal/sessions", ({ context, params }) => {
    const customer = context.store.customer(params.requiredString("customer"), "customer");
    const session = buildPortalSession({
      publicUrl: context.settings.publicUrl,
      customer: customer.id,
      returnUrl: urlParam(params, "return_url"),
      created: context.now(),
    });
    context.store.state.portalSessions[session.id] = session;
    return session;
  }),
];
