/**
 * How a charge ends, and a checkout session with it, with the events Stripe sends: shared by
 * checkout payments (payments.ts, subscription-checkout.ts), bank debits settling, and invoice
 * payments (billing.ts).
 */
import type { CardCheck, CardDecline } from "./cards";
import { customerDetails, type CheckoutSession } from "../objects/checkout-objects";
import type { SandboxContext } from "../context";
import type { Charge, ChargeMethodDetails, PaymentIntent } from "../objects/payment-objects";
import { cardFingerprint } from "./payment-methods";
import { redeemSessionDiscount } from "./discounts";

export function cardDetails(
  check: Exclude<CardCheck, { result: "invalid" }>,
  digits: string,
): ChargeMethodDetails {
  return {
    type: "card",
    card: {
      brand: check.brand,
      country: "US",
      exp_month: check.expMonth,
      exp_year: check.expYear,
      fingerprint: cardFingerprint(digits),
      funding: "credit",
      last4: check.last4,
    },
  };
}

export function succeed(context: SandboxContext, intent: PaymentIntent, charge: Charge) {
  charge.status = "succeeded";
  charge.paid = true;
  charge.captured = true;
  charge.amount_captured = charge.amount;
  charge.outcome = {
    network_status: "approved_by_network",
    reason: null,
    risk_level: "normal",
    seller_message: "Payment complete.",
    type: "authorized",
  };
  intent.status = "succeeded";
  intent.amount_received = intent.amount;
  intent.last_payment_error = null;
  context.emit("charge.succeeded", charge);
  context.emit("payment_intent.succeeded", intent);
}

/** A card charge declined: the charge fails and the intent waits for another method. */
export function declineCard(
  context: SandboxContext,
  intent: PaymentIntent,
  charge: Charge,
  decline: CardDecline,
) {
  const { code, declineCode, message } = decline;
  failCharge(context, charge, code, message, declineCode);
  intent.status = "requires_payment_method";
  intent.last_payment_error = {
    type: "card_error",
    code,
    ...(declineCode ? { decline_code: declineCode } : {}),
    message,
    doc_url: `https://stripe.com/docs/error-codes/${code.replaceAll("_", "-")}`,
    charge: charge.id,
    payment_method_type: "card",
  };
  context.emit("payment_intent.payment_failed", intent);
}

export function failCharge(
  context: SandboxContext,
  charge: Charge,
  code: string,
  message: string,
  declineCode?: string,
) {
  charge.status = "failed";
  charge.failure_code = code;
  charge.failure_message = message;
  charge.outcome = {
    network_status: "declined_by_network",
    reason: declineCode ?? code,
    risk_level: "normal",
    seller_message: "The bank did not return any further details with this decline.",
    type: "issuer_declined",
  };
  context.emit("charge.failed", charge);
}

export function completeSession(
  context: SandboxContext,
  session: CheckoutSession,
  email: string,
  paymentStatus: CheckoutSession["payment_status"],
) {
  session.status = "complete";
  session.payment_status = paymentStatus;
  redeemSessionDiscount(context, session);
  session.customer_details = customerDetails(email);
  context.emit("checkout.session.completed", session);
}
