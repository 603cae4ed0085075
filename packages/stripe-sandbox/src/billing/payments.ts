/**
 * What happens when a customer submits the checkout form, and afterwards: the payment intent
 * and charge move through Stripe's states and every change emits the event Stripe would send.
 * A card is decided at once; a bank debit completes the session unpaid and settles later;
 * an abandoned session expires and its payment intent is canceled.
 */
import { bankDebitFailure, cardDigits, checkBankAccount, checkCard } from "./cards";
import { cardDetails, completeSession, declineCard, failCharge, succeed } from "./charges";
import type { CheckoutSessionRecord } from "../objects/checkout-objects";
import type { SandboxContext } from "../context";
import {
  buildCharge,
  buildPaymentIntent,
  type Charge,
  type ChargeMethodDetails,
  type PaymentIntent,
} from "../objects/payment-objects";
import { paySubscriptionSession } from "./subscription-checkout";
import { recheckSessionDiscount } from "./discounts";
import type { PaymentMethodInput, PaymentResult } from "../types";

const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Changes state in memory only: the caller saves the store once it has answered. */
export function payCheckoutSession(
  context: SandboxContext,
  record: CheckoutSessionRecord,
  email: string,
  method: PaymentMethodInput,
): PaymentResult {
  const session = record.session;
  // A second submit (double click, back button) must not pay twice.
  if (session.status === "complete") return { outcome: "complete", session };
  if (session.status === "expired") {
    return { outcome: "error", message: "This Checkout Session has expired." };
  }
  const customerEmail = email.trim();
  if (!EMAIL_PATTERN.test(customerEmail)) {
    return { outcome: "error", message: "Your email address is invalid." };
  }
  const refusal = recheckSessionDiscount(context, record);
  if (refusal) return { outcome: "error", message: `${refusal.refused} The total is updated.` };
  if (session.mode === "subscription") {
    return paySubscriptionSession(context, record, customerEmail, method);
  }
  if (session.amount_total === 0) {
    completeSession(context, session, customerEmail, "no_payment_required");
    return { outcome: "complete", session };
  }
  return method.type === "card"
    ? payByCard(context, record, customerEmail, method)
    : payByBankDebit(context, record, customerEmail, method.accountNumber);
}

function payByCard(
  context: SandboxContext,
  record: CheckoutSessionRecord,
  email: string,
  card: { number: string; expiry: string; cvc: string },
): PaymentResult {
  const check = checkCard(card, new Date(context.now() * 1000));
  // Invalid input is caught by the form itself at Stripe: no payment attempt is recorded.
  if (check.result === "invalid") return { outcome: "error", message: check.message };
  const intent = paymentIntentFor(context, record);
  const charge = recordCharge(
    context,
    intent,
    email,
    cardDetails(check, cardDigits(card.number)),
    "pending",
  );
  if (check.result === "declined") {
    declineCard(context, intent, charge, check.decline);
    return { outcome: "error", message: check.decline.message };
  }
  succeed(context, intent, charge);
  completeSession(context, record.session, email, "paid");
  return { outcome: "complete", session: record.session };
}

function payByBankDebit(
  context: SandboxContext,
  record: CheckoutSessionRecord,
  email: string,
  accountNumber: string,
): PaymentResult {
  const check = checkBankAccount(accountNumber);
  if (check.result === "invalid") return { outcome: "error", message: check.message };
  const intent = paymentIntentFor(context, record);
  const details: ChargeMethodDetails = {
    type: "us_bank_account",
    us_bank_account: { bank_name: "STRIPE TEST BANK", last4: check.last4 },
  };
  const charge = recordCharge(context, intent, email, details, "pending");
  intent.status = "processing";
  intent.last_payment_error = null;
  context.emit("charge.pending", charge);
  context.emit("payment_intent.processing", intent);
  completeSession(context, record.session, email, "unpaid");
  // Settling is a real-time delay (a few seconds by default), not sandbox-clock time.
  const settleAt = Date.now() + context.settings.asyncSettleMs;
  const pending = { paymentIntent: intent.id, accountNumber, settleAt };
  context.store.state.pendingSettlements.push(pending);
  scheduleSettlement(context, pending);
  return { outcome: "complete", session: record.session };
}

/** Settles (or fails) a processing bank debit, as the bank answers days later at Stripe. */
export function settleBankDebit(
  context: SandboxContext,
  paymentIntentId: string,
  accountNumber: string,
) {
  const state = context.store.state;
  state.pendingSettlements = state.pendingSettlements.filter(
    (pending) => pending.paymentIntent !== paymentIntentId,
  );
  const intent = state.paymentIntents[paymentIntentId];
  const charge = intent?.latest_charge ? state.charges[intent.latest_charge] : undefined;
  if (!intent || !charge || intent.status !== "processing") return;
  const session = context.store.sessionForPaymentIntent(intent.id)?.session;
  const failure = bankDebitFailure(accountNumber);
  if (!failure) {
    succeed(context, intent, charge);
    if (session) {
      session.payment_status = "paid";
      context.emit("checkout.session.async_payment_succeeded", session);
    }
    return;
  }
  failCharge(context, charge, failure.code, failure.message);
  intent.status = "requires_payment_method";
  intent.last_payment_error = {
    type: "invalid_request_error",
    code: failure.code,
    message: failure.message,
    doc_url: `https://stripe.com/docs/error-codes/${failure.code.replaceAll("_", "-")}`,
    charge: charge.id,
    payment_method_type: "us_bank_account",
  };
  context.emit("payment_intent.payment_failed", intent);
  if (session) context.emit("checkout.session.async_payment_failed", session);
}

export function scheduleSettlement(
  context: SandboxContext,
  pending: { paymentIntent: string; accountNumber: string; settleAt: number },
) {
  const delay = Math.max(0, pending.settleAt - Date.now());
  context.later(
    () => settleBankDebit(context, pending.paymentIntent, pending.accountNumber),
    delay,
  );
}

export function expireSession(context: SandboxContext, record: CheckoutSessionRecord) {
  const session = record.session;
  session.status = "expired";
  const intent = session.payment_intent
    ? context.store.state.paymentIntents[session.payment_intent]
    : undefined;
  if (intent && intent.status === "requires_payment_method") {
    intent.status = "canceled";
    intent.canceled_at = context.now();
    intent.cancellation_reason = "abandoned";
    context.emit("payment_intent.canceled", intent);
  }
  context.emit("checkout.session.expired", session);
}

function paymentIntentFor(context: SandboxContext, record: CheckoutSessionRecord): PaymentIntent {
  const session = record.session;
  const existing = session.payment_intent
    ? context.store.state.paymentIntents[session.payment_intent]
    : undefined;
  if (existing) return existing;
  const intent = buildPaymentIntent({
    amount: session.amount_total,
    currency: session.currency,
    customer: session.customer,
    description: record.paymentIntentData.description,
    metadata: record.paymentIntentData.metadata,
    created: context.now(),
  });
  context.store.state.paymentIntents[intent.id] = intent;
  session.payment_intent = intent.id;
  context.emit("payment_intent.created", intent);
  return intent;
}

function recordCharge(
  context: SandboxContext,
  intent: PaymentIntent,
  email: string,
  details: ChargeMethodDetails,
  status: Charge["status"],
): Charge {
  const charge = buildCharge(intent, { email, details, status, created: context.now() });
  context.store.state.charges[charge.id] = charge;
  intent.latest_charge = charge.id;
  intent.payment_method = charge.payment_method;
  return charge;
}
