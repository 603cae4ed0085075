/**
 * `/v1/coupons` (create, retrieve, update `name`/`metadata`, list, delete) and
 * `/v1/promotion_codes` (create, retrieve, update `active`/`metadata`, list by `code`, `coupon`,
 * `active`, `customer`), with Stripe's validation of the parameters the app sends.
 */
import { mergeMetadata, currencyParam } from "./catalog-api";
import type { SandboxContext } from "../context";
import {
  buildCoupon,
  buildPromotionCode,
  type Coupon,
  type CouponDuration,
} from "../objects/coupon-objects";
import { newId } from "../objects/objects";
import { couponValid, type Redeemable } from "../billing/discounts";
import { invalidRequest, invalidValue, parameterMissing, parametersExclusive } from "./errors";
import type { Params } from "./form";
import { createdFilter, expandObject, paginate, route, type Route } from "./router";

const CODE = /^[a-zA-Z0-9_-]{1,500}$/;

function percentOff(params: Params): number | null {
  const value = params.string("percent_off");
  if (value === undefined || value === "") return null;
  const percent = Number(value);
  if (!/^\d+(\.\d{1,2})?$/.test(value) || percent <= 0 || percent > 100)
    throw invalidValue("percent_off", "percent_off must be greater than 0 and at most 100.");
  return percent;
}

function createCoupon(context: SandboxContext, params: Params): Coupon {
  const percent = percentOff(params);
  const amountOff = params.integer("amount_off") ?? null;
  if (percent !== null && amountOff !== null)
    throw parametersExclusive(["amount_off", "percent_off"]);
  if (percent === null && amountOff === null)
    throw invalidRequest("You must pass either `amount_off` or `percent_off`.");
  if (amountOff !== null && amountOff < 1)
    throw invalidValue("amount_off", "amount_off must be a positive integer.");
  const currency = amountOff !== null ? currencyParam(params) : null;
  const duration = params.oneOf("duration", ["once", "forever", "repeating"] as const) ?? "once";
  const months = params.integer("duration_in_months") ?? null;
  if (duration === "repeating" && (months === null || months < 1))
    throw parameterMissing("duration_in_months");
  if (duration !== "repeating" && months !== null)
    throw invalidValue(
      "duration_in_months",
      "duration_in_months may only be set when duration is repeating.",
    );
  const maxRedemptions = params.integer("max_redemptions") ?? null;
  if (maxRedemptions !== null && maxRedemptions < 1)
    throw invalidValue("max_redemptions", "max_redemptions must be a positive integer.");
  const redeemBy = params.integer("redeem_by") ?? null;
  if (redeemBy !== null && redeemBy <= context.now())
    throw invalidValue("redeem_by", "redeem_by must be in the future.");
  const products = params.object("applies_to")?.strings("products");
  for (const product of products ?? []) context.store.product(product, "applies_to[products]");
  const id = params.string("id") || newId("", 8);
  if (context.store.state.coupons[id])
    throw invalidRequest("Coupon already exists.", {
      code: "resource_already_exists",
      param: "id",
    });
  const coupon = buildCoupon({
    id,
    amount_off: amountOff,
    ...(products ? { applies_to: { products } } : {}),
    created: context.now(),
    currency,
    duration: duration as CouponDuration,
    duration_in_months: duration === "repeating" ? months : null,
    max_redemptions: maxRedemptions,
    metadata: mergeMetadata({}, params.metadata()),
    name: params.string("name") || null,
    percent_off: percent,
    redeem_by: redeemBy,
  });
  context.store.state.coupons[id] = coupon;
  context.emit("coupon.created", coupon);
  return coupon;
}

function createPromotionCode(context: SandboxContext, params: Params) {
  const promotion = params.object("promotion");
  const couponId = promotion?.string("coupon");
  if (!couponId) throw parameterMissing("promotion[coupon]");
  const coupon = context.store.coupon(couponId, "promotion[coupon]");
  const code = params.string("code") || newId("", 8).toUpperCase();
  if (!CODE.test(code))
    throw invalidValue("code", "Codes may contain only letters, digits, dashes and underscores.");
  const taken = Object.values(context.store.state.promotionCodes).some(
    (candidate) => candidate.active && candidate.code.toUpperCase() === code.toUpperCase(),
  );
  if (taken)
    throw invalidRequest("An active promotion code with `code` already exists.", {
      param: "code",
    });
  const expiresAt = params.integer("expires_at") ?? null;
  if (expiresAt !== null && expiresAt <= context.now())
    throw invalidValue("expires_at", "expires_at must be in the future.");
  if (expiresAt !== null && coupon.redeem_by !== null && expiresAt > coupon.redeem_by)
    throw invalidValue("expires_at", "expires_at may not be later than the coupon's redeem_by.");
  const maxRedemptions = params.integer("max_redemptions") ?? null;
  if (maxRedemptions !== null && maxRedemptions < 1)
    throw invalidValue("max_redemptions", "max_redemptions must be a positive integer.");
  const restrictions = params.object("restrictions");
  const minimum = restrictions?.integer("minimum_amount") ?? null;
  const customer = params.string("customer") || null;
  if (customer) context.store.customer(customer, "customer");
  const promotionCode = buildPromotionCode({
    active: params.boolean("active") ?? true,
    code,
    coupon: coupon.id,
    created: context.now(),
    customer,
    expires_at: expiresAt,
    max_redemptions: maxRedemptions,
    metadata: mergeMetadata({}, params.metadata()),
    restrictions: {
      first_time_transaction: restrictions?.boolean("first_time_transaction") ?? false,
      minimum_amount: minimum,
      minimum_amount_currency:
        minimum !== null ? currencyParam(restrictions as Params, "minimum_amount_currency") : null,
    },
  });
  context.store.state.promotionCodes[promotionCode.id] = promotionCode;
  context.emit("promotion_code.created", promotionCode);
  return promotionCode;
}

/** `discounts[0][coupon]` or `discounts[0][promotion_code]`. */
export function requestedDiscount(context: SandboxContext, params: Params): Redeemable {
  const couponId = params.string("coupon");
  const codeId = params.string("promotion_code");
  if (couponId && codeId)
    throw parametersExclusive([params.name("coupon"), params.name("promotion_code")]);
  if (codeId) {
    const promotionCode = context.store.promotionCode(codeId, params.name("promotion_code"));
    return { coupon: context.store.coupon(promotionCode.promotion.coupon), promotionCode };
  }
  if (!couponId) throw parameterMissing(params.name("coupon"));
  return { coupon: context.store.coupon(couponId, params.name("coupon")), promotionCode: null };
}

/** `valid` as of now: a coupon past its date or cap reads invalid without anyone touching it. */
function couponNow(context: SandboxContext, coupon: Coupon): Coupon {
  coupon.valid = couponValid(coupon, context.now());
  return coupon;
}

export const couponRoutes: Route[] = [
  route("POST", "/v1/coupons", ({ context, params }) => createCoupon(context, params)),
  route("GET", "/v1/coupons", ({ context, params }) => {
    const created = createdFilter(params);
    const coupons = Object.values(context.store.state.coupons)
      .filter(created)
      .map((coupon) => couponNow(context, coupon))
      .reverse();
    return paginate("/v1/coupons", coupons, params);
  }),
  route("GET", "/v1/coupons/:id", ({ context, pathParams }) =>
    couponNow(context, context.store.coupon(pathParams[0])),
  ),
  route("POST", "/v1/coupons/:id", ({ context, pathParams, params }) => {
    const coupon = context.store.coupon(pathParams[0]);
    const name = params.string("name");
    if (name !== undefined) coupon.name = name || null;
    coupon.metadata = mergeMetadata(coupon.metadata, params.metadata());
    context.emit("coupon.updated", coupon);
    return couponNow(context, coupon);
  }),
  route("DELETE", "/v1/coupons/:id", ({ context, pathParams }) => {
    const coupon = context.store.coupon(pathParams[0]);
    delete context.store.state.coupons[coupon.id];
    // Its codes stop working with it, as at Stripe.
    for (const code of Object.values(context.store.state.promotionCodes))
      if (code.promotion.coupon === coupon.id) code.active = false;
    context.emit("coupon.deleted", coupon);
    return { id: coupon.id, object: "coupon", deleted: true };
  }),
  route("POST", "/v1/promotion_codes", ({ context, params, expand }) =>
    expandObject(context.store, createPromotionCode(context, params), expand),
  ),
  route("GET", "/v1/promotion_codes", ({ context, params, expand }) => {
    const code = params.string("code");
    const coupon = params.string("coupon");
    const customer = params.string("customer");
    const active = params.boolean("active");
    const created = createdFilter(params);
    const codes = Object.values(context.store.state.promotionCodes)
      .filter((candidate) => !code || candidate.code.toUpperCase() === code.toUpperCase())
      .filter((candidate) => !coupon || candidate.promotion.coupon === coupon)
      .filter((candidate) => !customer || candidate.customer === customer)
      .filter((candidate) => active === undefined || candidate.active === active)
      .filter(created)
      .reverse();
    return expandObject(context.store, paginate("/v1/promotion_codes", codes, params), expand);
  }),
  route("GET", "/v1/promotion_codes/:id", ({ context, pathParams, expand }) =>
    expandObject(context.store, context.store.promotionCode(pathParams[0]), expand),
  ),
  route("POST", "/v1/promotion_codes/:id", ({ context, pathParams, params, expand }) => {
    const code = context.store.promotionCode(pathParams[0]);
    const active = params.boolean("active");
    const metadata = mergeMetadata(code.metadata, params.metadata());
    if (active === true && !code.active) {
      const clash = Object.values(context.store.state.promotionCodes).some(
        (other) =>
          other.id !== code.id &&
          other.active &&
          other.code.toUpperCase() === code.code.toUpperCase(),
      );
      if (clash)
        throw invalidRequest("An active promotion code with `code` already exists.", {
          param: "active",
        });
    }
    if (active !== undefined) code.active = active;
    code.metadata = metadata;
    context.emit("promotion_code.updated", code);
    return expandObject(context.store, code, expand);
  }),
];
