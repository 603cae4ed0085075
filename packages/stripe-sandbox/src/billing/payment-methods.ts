/**
 * Saved cards: the PaymentMethod object a subscription charges off-session. The sandbox keeps
 * the card's number beside the public object (never in its JSON: only brand, last4 and expiry
 * are shown) so a later charge knows which test card it is.
 */
import { createHash } from "node:crypto";
import type { CardCheck } from "./cards";
import type { SandboxContext } from "../context";
import { newId } from "../objects/objects";
import type { ChargeMethodDetails } from "../objects/payment-objects";
import type { PaymentMethod } from "../types";

type AcceptedCard = Exclude<CardCheck, { result: "invalid" }>;

/** Stable per card number, as Stripe's is, and not reversible to it. */
export function cardFingerprint(digits: string): string {
  return createHash("sha256").update(digits).digest("base64url").slice(0, 16);
}

export function buildPaymentMethod(fields: {
  card: AcceptedCard;
  digits: string;
  customer: string;
  email: string | null;
  created: number;
}): PaymentMethod {
  const { card } = fields;
  return {
    id: newId("pm_", 24),
    object: "payment_method",
    allow_redisplay: "limited",
    billing_details: { address: null, email: fields.email, name: null, phone: null, tax_id: null },
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: "pass" },
      country: "US",
      display_brand: card.brand,
      exp_month: card.expMonth,
      exp_year: card.expYear,
      fingerprint: cardFingerprint(fields.digits),
      funding: "credit",
      generated_from: null,
      last4: card.last4,
      networks: { available: [card.brand], preferred: null },
      regulated_status: "unregulated",
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: fields.created,
    customer: fields.customer,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: "card",
  };
}

/** Saves a card to a customer, as a SetupIntent or Checkout does, with Stripe's event. */
export function attachCard(
  context: SandboxContext,
  fields: { card: AcceptedCard; digits: string; customer: string; email: string | null },
): PaymentMethod {
  const paymentMethod = buildPaymentMethod({ ...fields, created: context.now() });
  context.store.state.paymentMethods[paymentMethod.id] = {
    paymentMethod,
    cardDigits: fields.digits,
  };
  context.emit("payment_method.attached", paymentMethod);
  return paymentMethod;
}

/** The charge's `payment_method_details` for a saved card. */
export function chargeDetailsOf(paymentMethod: PaymentMethod): ChargeMethodDetails {
  const { card } = paymentMethod;
  return {
    type: "card",
    card: {
      brand: card.brand,
      country: "US",
      exp_month: card.exp_month,
      exp_year: card.exp_year,
      fingerprint: card.fingerprint,
      funding: "credit",
      last4: card.last4,
    },
  };
}
