/**
 * `/v1/checkout/sessions`: create, retrieve, list, expire, line items, in `payment` and
 * `subscription` mode. Validation follows Stripe's rules for the parameters the app sends;
 * parameters the sandbox does not model (locale, …) are accepted and ignored.
 * `allow_promotion_codes` shows a promotion code field on the checkout page; `discounts` applies
 * a coupon or promotion code at once (billing/discounts.ts).
 */
import { mergeMetadata, preparePrice, savePrice, type PreparedPrice } from "./catalog-api";
import {
  buildCheckoutSession,
  type CheckoutMode,
  type CheckoutSessionRecord,
  type UiMode,
} from "../objects/checkout-objects";
import type { SandboxContext } from "../context";
import { invalidRequest, invalidValue, parameterMissing, parametersExclusive } from "./errors";
import type { Params } from "./form";
import { buildLineItem, listOf, type LineItem } from "../objects/objects";
import { expireSession } from "../billing/payments";
import { createdFilter, expandObject, paginate, route, type Route } from "./router";
import { subscriptionDataOf } from "./subscription-data";
import { applyToSession, checkRedeemable } from "../billing/discounts";
import { requestedDiscount } from "./coupons-api";

export const DAY_SECONDS = 86_400;

/** Stripe accepts only absolute http(s) URLs; the placeholder may sit anywhere in them. */
export function urlParam(params: Params, key: string): string | null {
  const value = params.string(key);
  if (value === undefined || value === "") return null;
  let parsed: URL | null = null;
  try {
    parsed = new URL(value);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    throw invalidRequest("Not a valid URL", { code: "url_invalid", param: params.name(key) });
  }
  return value;
}

export function quantityOf(item: Params): number {
  const quantity = item.integer("quantity");
  if (quantity === undefined) throw parameterMissing(item.name("quantity"));
  if (quantity < 1) throw invalidValue(item.name("quantity"), "Quantity must be at least 1.");
  return quantity;
}

/** Stripe's rules for recurring prices: only in subscription mode, where one is required. */
export function checkModeOfItems(mode: CheckoutMode, lineItems: LineItem[], param: string) {
  const recurring = lineItems.filter((item) => item.price.recurring);
  if (mode === "payment" && recurring.length > 0) {
    const index = lineItems.indexOf(recurring[0]);
    throw invalidRequest(
      "You must be in `subscription` mode to use recurring prices. Please use `subscription` mode or use one-time prices.",
      { param: `${param}[${index}]` },
    );
  }
  if (mode === "subscription" && recurring.length === 0) {
    throw invalidRequest(
      "You must provide at least one recurring price in `subscription` mode when using prices.",
      { param },
    );
  }
  const cycles = new Set(
    recurring.map(
      (item) => `${item.price.recurring?.interval}/${item.price.recurring?.interval_count}`,
    ),
  );
  if (cycles.size > 1) {
    throw invalidRequest(
      "Checkout does not support multiple prices with different billing intervals.",
      { param },
    );
  }
}

/** The session's line items, and the inline prices to store if the whole request is valid. */
function lineItemsFrom(context: SandboxContext, params: Params, mode: CheckoutMode) {
  const items = params.list("line_items");
  if (!items || items.length === 0) throw parameterMissing("line_items");
  const inlinePrices: PreparedPrice[] = [];
  const lineItems = items.map((item) => {
    const priceId = item.string("price");
    const priceData = item.object("price_data");
    if (priceId && priceData)
      throw parametersExclusive([item.name("price"), item.name("price_data")]);
    if (!priceId && !priceData) throw parameterMissing(item.name("price"));
    const prepared = priceData ? preparePrice(context, priceData, false) : null;
    if (prepared) inlinePrices.push(prepared);
    const price = prepared?.price ?? context.store.price(priceId ?? "", item.name("price"));
    const product = prepared?.product ?? context.store.product(price.product);
    if (!prepared && !price.active) {
      throw invalidRequest(
        `The price specified is inactive. This field only accepts active prices.`,
        {
          param: item.name("price"),
        },
      );
    }
    return buildLineItem(price, product.name, quantityOf(item));
  });
  checkModeOfItems(mode, lineItems, "line_items");
  const currencies = new Set(lineItems.map((item) => item.currency));
  if (currencies.size > 1) {
    throw invalidRequest("All line items must use the same currency.", { param: "line_items" });
  }
  return { lineItems, inlinePrices };
}

function uiModeOf(params: Params): UiMode {
  const uiMode = params.oneOf("ui_mode", [
    "hosted_page",
    "embedded_page",
    "elements",
    "form",
  ] as const);
  if (uiMode === "elements" || uiMode === "form") {
    throw invalidValue(
      "ui_mode",
      "The Stripe sandbox supports ui_mode hosted_page and embedded_page.",
    );
  }
  return uiMode ?? "hosted_page";
}

function expiresAtOf(params: Params, now: number): number {
  const expiresAt = params.integer("expires_at");
  if (expiresAt === undefined) return now + DAY_SECONDS;
  if (expiresAt < now + 30 * 60 || expiresAt > now + DAY_SECONDS) {
    throw invalidValue(
      "expires_at",
      "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.",
    );
  }
  return expiresAt;
}

function createCheckoutSession(context: SandboxContext, params: Params): CheckoutSessionRecord {
  const mode = params.oneOf("mode", ["payment", "subscription", "setup"] as const);
  if (!mode) throw parameterMissing("mode");
  if (mode === "setup") {
    throw invalidValue("mode", "The Stripe sandbox supports mode=payment and subscription.");
  }
  const uiMode = uiModeOf(params);
  const embedded = uiMode === "embedded_page";
  const redirectOnCompletion =
    params.oneOf("redirect_on_completion", ["always", "if_required", "never"] as const) ?? "always";
  const successUrl = urlParam(params, "success_url");
  const cancelUrl = urlParam(params, "cancel_url");
  const returnUrl = urlParam(params, "return_url");
  if (embedded && (successUrl || cancelUrl)) {
    const param = successUrl ? "success_url" : "cancel_url";
    throw invalidValue(param, `\`${param}\` is not allowed when \`ui_mode\` is \`embedded_page\`.`);
  }
  if (embedded && !returnUrl && redirectOnCompletion !== "never")
    throw parameterMissing("return_url");
  if (!embedded && returnUrl) {
    throw invalidValue(
      "return_url",
      "`return_url` is only allowed when `ui_mode` is `embedded_page`.",
    );
  }
  const customerId = params.string("customer") || null;
  const customerEmail = params.string("customer_email") || null;
  if (customerId && customerEmail) throw parametersExclusive(["customer", "customer_email"]);
  const customer = customerId ? context.store.customer(customerId, "customer") : null;
  const clientReferenceId = params.string("client_reference_id") || null;
  if (clientReferenceId && clientReferenceId.length > 200) {
    throw invalidValue(
      "client_reference_id",
      "`client_reference_id` must be at most 200 characters.",
    );
  }
  const { lineItems, inlinePrices } = lineItemsFrom(context, params, mode);
  const intentData = params.object("payment_intent_data");
  const subscriptionData = subscriptionDataOf(params, mode, context.now());
  if (mode === "subscription" && intentData) {
    throw invalidValue(
      "payment_intent_data",
      "You can not pass `payment_intent_data` in `subscription` mode.",
    );
  }
  const allowPromotionCodes = params.boolean("allow_promotion_codes") ?? false;
  const discountParams = params.list("discounts") ?? [];
  if (allowPromotionCodes && discountParams.length > 0)
    throw parametersExclusive(["allow_promotion_codes", "discounts"]);
  if (discountParams.length > 1)
    throw invalidValue("discounts", "You may only apply one discount to a Checkout Session.");
  const session = buildCheckoutSession({
    allowPromotionCodes,
    publicUrl: context.settings.publicUrl,
    mode,
    uiMode,
    lineItems,
    currency: lineItems[0].currency,
    customer: customer?.id ?? null,
    customerEmail: customerEmail ?? customer?.email ?? null,
    clientReferenceId,
    metadata: mergeMetadata({}, params.metadata()),
    successUrl,
    cancelUrl,
    returnUrl,
    redirectOnCompletion,
    expiresAt: expiresAtOf(params, context.now()),
    paymentLink: null,
    created: context.now(),
  });
  // Stripe leaves customer_email null when the email came from `customer`.
  if (customer && !customerEmail) session.customer_email = null;
  // A trial: the recurring prices are free today; only one-time prices are charged at once.
  if (subscriptionData?.trial) {
    const dueToday = lineItems
      .filter((item) => !item.price.recurring)
      .reduce((sum, item) => sum + item.amount_total, 0);
    Object.assign(session, {
      amount_subtotal: dueToday,
      amount_total: dueToday,
      payment_status: dueToday === 0 ? "no_payment_required" : "unpaid",
    });
  }
  const record: CheckoutSessionRecord = {
    session,
    lineItems,
    paymentIntentData: {
      metadata: mergeMetadata({}, intentData?.metadata()),
      description: intentData?.string("description") || null,
    },
    subscriptionData,
  };
  if (discountParams[0]) {
    const redeemable = requestedDiscount(context, discountParams[0]);
    const refusal = checkRedeemable(context, record, redeemable);
    if (refusal) throw invalidValue("discounts", refusal.refused);
    applyToSession(record, redeemable);
  }
  for (const prepared of inlinePrices) savePrice(context, prepared);
  context.store.state.checkoutSessions[session.id] = record;
  return record;
}

/** A session's JSON, with `line_items` when asked for (it is never there by default). */
function sessionJson(context: SandboxContext, record: CheckoutSessionRecord, expand: string[]) {
  const rest = expand.filter((path) => path !== "line_items");
  const json = expandObject(context.store, record.session, rest);
  if (rest.length === expand.length) return json;
  const url = `/v1/checkout/sessions/${record.session.id}/line_items`;
  return { ...json, line_items: listOf(url, record.lineItems) };
}

export const checkoutRoutes: Route[] = [
  route("POST", "/v1/checkout/sessions", ({ context, params, expand }) => {
    return sessionJson(context, createCheckoutSession(context, params), expand);
  }),
  route("GET", "/v1/checkout/sessions", ({ context, params, expand }) => {
    const filters = [
      "payment_intent",
      "payment_link",
      "customer",
      "status",
      "subscription",
    ] as const;
    const wanted = filters.map((key) => [key, params.string(key)] as const);
    const created = createdFilter(params);
    const records = Object.values(context.store.state.checkoutSessions)
      .filter(({ session }) => wanted.every(([key, value]) => !value || session[key] === value))
      .filter(({ session }) => created(session))
      .reverse();
    const page = paginate(
      "/v1/checkout/sessions",
      records.map((record) => record.session),
      params,
    );
    return expandObject(context.store, page, expand);
  }),
  route("GET", "/v1/checkout/sessions/:id", ({ context, pathParams, expand }) => {
    return sessionJson(context, context.store.checkoutSession(pathParams[0]), expand);
  }),
  route("GET", "/v1/checkout/sessions/:id/line_items", ({ context, pathParams, params }) => {
    const record = context.store.checkoutSession(pathParams[0]);
    return paginate(
      `/v1/checkout/sessions/${record.session.id}/line_items`,
      record.lineItems,
      params,
    );
  }),
  route("POST", "/v1/checkout/sessions/:id/expire", ({ context, pathParams, expand }) => {
    const record = context.store.checkoutSession(pathParams[0]);
    if (record.session.status !== "open") {
      throw invalidRequest(
        `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${record.session.status}".`,
      );
    }
    expireSession(context, record);
    return sessionJson(context, record, expand);
  }),
];
