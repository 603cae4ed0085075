/**
 * Types several modules share, kept apart from the code that builds them so that no module needs
 * another's code for a type: the saved card (its public object and what the sandbox keeps), and
 * what the checkout form submits and gets back.
 */
import type { CheckoutSession } from "./objects/checkout-objects";
import type { Metadata } from "./objects/objects";

export interface PaymentMethod {
  id: string;
  object: "payment_method";
  allow_redisplay: "always" | "limited" | "unspecified";
  billing_details: {
    address: null;
    email: string | null;
    name: null;
    phone: null;
    tax_id: null;
  };
  card: {
    brand: string;
    checks: {
      address_line1_check: null;
      address_postal_code_check: null;
      cvc_check: "pass";
    };
    country: "US";
    display_brand: string;
    exp_month: number;
    exp_year: number;
    fingerprint: string;
    funding: "credit";
    generated_from: null;
    last4: string;
    networks: { available: string[]; preferred: null };
    regulated_status: "unregulated";
    three_d_secure_usage: { supported: true };
    wallet: null;
  };
  created: number;
  customer: string | null;
  customer_account: null;
  livemode: false;
  metadata: Metadata;
  type: "card";
}

/** What the sandbox keeps: the public object, and the digits that decide how charges end. */
export interface PaymentMethodRecord {
  paymentMethod: PaymentMethod;
  cardDigits: string;
}

export type PaymentMethodInput =
  | { type: "card"; number: string; expiry: string; cvc: string }
  | { type: "bank_debit"; accountNumber: string };

export type PaymentResult =
  { outcome: "complete"; session: CheckoutSession } | { outcome: "error"; message: string };
