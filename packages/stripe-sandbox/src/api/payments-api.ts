/**
 * `/v1/payment_intents`, `/v1/charges`, `/v1/refunds` (create, retrieve, list) and `/v1/events`. Refunds follow
 * Stripe's rules: the rest of the charge by default, never more than is left.
 */
import type { SandboxContext } from "../context";
import { invalidRequest } from "./errors";
import type { Params } from "./form";
import { formatAmount } from "../objects/objects";
import { buildRefund, type Charge, type Refund } from "../objects/payment-objects";
import { createdFilter, expandObject, paginate, route, type Route } from "./router";

function refundableCharge(context: SandboxContext, params: Params): Charge {
  const chargeId = params.string("charge");
  const intentId = params.string("payment_intent");
  if (chargeId) return context.store.charge(chargeId, "charge");
  if (!intentId) {
    throw invalidRequest(
      "One of the following params should be provided for this request: payment_intent or charge.",
      { code: "parameter_missing" },
    );
  }
  const intent = context.store.paymentIntent(intentId, "payment_intent");
  if (intent.status !== "succeeded" || !intent.latest_charge) {
    throw invalidRequest(
      `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
      { param: "payment_intent" },
    );
  }
  return context.store.charge(intent.latest_charge);
}

function createRefund(context: SandboxContext, params: Params): Refund {
  const charge = refundableCharge(context, params);
  if (charge.status !== "succeeded") {
    throw invalidRequest(`Charge ${charge.id} has not succeeded and cannot be refunded.`);
  }
  const remaining = charge.amount_captured - charge.amount_refunded;
  if (remaining <= 0) {
    throw invalidRequest(`Charge ${charge.id} has already been refunded.`, {
      code: "charge_already_refunded",
    });
  }
  const amount = params.integer("amount") ?? remaining;
  if (amount < 1) {
    throw invalidRequest("This value must be greater than or equal to 1.", { param: "amount" });
  }
  if (amount > remaining) {
    throw invalidRequest(
      `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`,
      { code: "amount_too_large", param: "amount" },
    );
  }
  const refund = buildRefund(charge, {
    amount,
    metadata: { ...params.metadata() },
    reason:
      params.oneOf("reason", ["duplicate", "fraudulent", "requested_by_customer"] as const) ?? null,
    created: context.now(),
  });
  context.store.state.refunds[refund.id] = refund;
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount_captured;
  charge.refunds.data.unshift(refund);
  context.emit("charge.refunded", charge);
  context.emit("refund.created", refund);
  return refund;
}

export const paymentRoutes: Route[] = [
  route("GET", "/v1/payment_intents/:id", ({ context, pathParams, expand }) => {
    return expandObject(context.store, context.store.paymentIntent(pathParams[0]), expand);
  }),
  route("GET", "/v1/charges/:id", ({ context, pathParams, expand }) => {
    return expandObject(context.store, context.store.charge(pathParams[0]), expand);
  }),
  route("POST", "/v1/refunds", ({ context, params, expand }) => {
    return expandObject(context.store, createRefund(context, params), expand);
  }),
  route("GET", "/v1/refunds", ({ context, params, expand }) => {
    const charge = params.string("charge");
    const intent = params.string("payment_intent");
    const refunds = Object.values(context.store.state.refunds)
      .filter((refund) => !charge || refund.charge === charge)
      .filter((refund) => !intent || refund.payment_intent === intent)
      .filter(createdFilter(params))
      .reverse();
    return expandObject(context.store, paginate("/v1/refunds", refunds, params), expand);
  }),
  route("GET", "/v1/refunds/:id", ({ context, pathParams, expand }) => {
    return expandObject(context.store, context.store.refund(pathParams[0]), expand);
  }),
  route("GET", "/v1/events", ({ context, params }) => {
    const type = params.string("type");
    const types = params.strings("types");
    const events = Object.values(context.store.state.events)
      .filter((event) => !type || matchesType(event.type, type))
      .filter((event) => !types || types.some((wanted) => matchesType(event.type, wanted)))
      .reverse();
    return paginate("/v1/events", events, params);
  }),
  route("GET", "/v1/events/:id", ({ context, pathParams }) => context.store.event(pathParams[0])),
];

/** Stripe's `type` filter allows one wildcard: `checkout.session.*`. */
function matchesType(type: string, pattern: string): boolean {
  return pattern.endsWith("*") ? type.startsWith(pattern.slice(0, -1)) : type === pattern;
}
