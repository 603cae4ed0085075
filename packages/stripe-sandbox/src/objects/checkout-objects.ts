/**
 * The Checkout Session object (API 2026-10-28.endive). Like Stripe, a `payment` session has no
 * payment intent until the customer first submits the form; a `subscription` session never has
 * one (its first invoice is paid instead) and names its `subscription` and `invoice` once
 * complete. `hosted_page` sessions carry a `url`, `embedded_page` sessions a `client_secret` and
 * `return_url` instead.
 */
import { newId, type LineItem, type Metadata } from "./objects";
import type { TrialEndBehavior } from "./subscription-objects";

export type UiMode = "hosted_page" | "embedded_page";
export type CheckoutMode = "payment" | "subscription";
export type SessionStatus = "open" | "complete" | "expired";
export type PaymentStatus = "paid" | "unpaid" | "no_payment_required";

export interface CustomerDetails {
  address: null;
  email: string | null;
  name: null;
  phone: null;
  tax_exempt: "none";
  tax_ids: never[];
}

export interface CheckoutSession {
  id: string;
  object: "checkout.session";
  after_expiration: null;
  allow_promotion_codes: boolean | null;
  amount_subtotal: number;
  amount_total: number;
  automatic_tax: { enabled: false; liability: null; provider: null; status: null };
  billing_address_collection: null;
  cancel_url: string | null;
  client_reference_id: string | null;
  client_secret: string | null;
  created: number;
  currency: string;
  customer: string | null;
  customer_creation: "always" | "if_required" | null;
  customer_details: CustomerDetails | null;
  customer_email: string | null;
  discounts: Array<{ coupon: string | null; promotion_code: string | null }>;
  expires_at: number;
  invoice: string | null;
  livemode: false;
  locale: null;
  metadata: Metadata;
  mode: CheckoutMode;
  payment_intent: string | null;
  payment_link: string | null;
  payment_method_types: string[];
  payment_status: PaymentStatus;
  recovered_from: null;
  redirect_on_completion?: "always" | "if_required" | "never";
  return_url?: string;
  setup_intent: null;
  status: SessionStatus;
  submit_type: null;
  subscription: string | null;
  success_url: string | null;
  total_details: { amount_discount: number; amount_shipping: number; amount_tax: number };
  ui_mode: UiMode;
  url: string | null;
}

/** What the sandbox keeps beside the public object: it is not part of Stripe's JSON. */
export interface CheckoutSessionRecord {
  session: CheckoutSession;
  lineItems: LineItem[];
  paymentIntentData: { metadata: Metadata; description: string | null };
  /** `subscription_data` in subscription mode (absent in state saved before subscriptions). */
  subscriptionData?: SubscriptionData | null;
}

/** What a subscription-mode session passes on to the subscription it creates. */
export interface SubscriptionData {
  metadata: Metadata;
  description: string | null;
  /** A free trial: `periodDays` from when the subscription starts, or until `end` (Unix). */
  trial?: { periodDays: number | null; end: number | null; endBehavior: TrialEndBehavior } | null;
}

export interface CheckoutSessionFields {
  publicUrl: string;
  mode: CheckoutMode;
  uiMode: UiMode;
  lineItems: LineItem[];
  currency: string;
  customer: string | null;
  customerEmail: string | null;
  clientReferenceId: string | null;
  metadata: Metadata;
  successUrl: string | null;
  cancelUrl: string | null;
  returnUrl: string | null;
  redirectOnCompletion: "always" | "if_required" | "never";
  expiresAt: number;
  paymentLink: string | null;
  created: number;
  allowPromotionCodes?: boolean;
}

export function buildCheckoutSession(fields: CheckoutSessionFields): CheckoutSession {
  const id = newId("cs_test_", 58);
  const amount = fields.lineItems.reduce((sum, item) => sum + item.amount_total, 0);
  const embedded = fields.uiMode === "embedded_page";
  const subscription = fields.mode === "subscription";
  const session: CheckoutSession = {
    id,
    object: "checkout.session",
    after_expiration: null,
    allow_promotion_codes: fields.allowPromotionCodes ? true : null,
    amount_subtotal: amount,
    amount_total: amount,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: fields.cancelUrl,
    client_reference_id: fields.clientReferenceId,
    client_secret: embedded ? `${id}_secret_${newId("", 24)}` : null,
    created: fields.created,
    currency: fields.currency,
    customer: fields.customer,
    customer_creation: fields.customer ? null : subscription ? "always" : "if_required",
    customer_details: null,
    customer_email: fields.customerEmail,
    discounts: [],
    expires_at: fields.expiresAt,
    invoice: null,
    livemode: false,
    locale: null,
    metadata: fields.metadata,
    mode: fields.mode,
    payment_intent: null,
    payment_link: fields.paymentLink,
    payment_method_types: subscription ? ["card"] : ["card", "us_bank_account"],
    payment_status: amount === 0 ? "no_payment_required" : "unpaid",
    recovered_from: null,
    setup_intent: null,
    status: "open",
    submit_type: null,
    subscription: null,
    success_url: fields.successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: fields.uiMode,
    url: embedded ? null : `${fields.publicUrl}/c/pay/${id}`,
  };
  if (embedded) {
    session.redirect_on_completion = fields.redirectOnCompletion;
    if (fields.returnUrl) session.return_url = fields.returnUrl;
  }
  return session;
}

export function customerDetails(email: string | null): CustomerDetails {
  return { address: null, email, name: null, phone: null, tax_exempt: "none", tax_ids: [] };
}

/** Stripe fills `{CHECKOUT_SESSION_ID}` in success and return URLs when it redirects. */
export function withSessionId(url: string, sessionId: string): string {
  return url.replaceAll("{CHECKOUT_SESSION_ID}", sessionId);
}
