import type Stripe from "stripe";
import { stripeId, unixNow } from "./event";

export type CheckoutSessionFields = {
  sessionId?: string;
  /** `client_reference_id`: our order id (a purchase id on an offering's own webhook). */
  orderId?: string | null;
  /** Default: `{ orderId }` when there is one, else none. */
  metadata?: Record<string, string>;
  amount?: number;
  currency?: string;
  status?: "open" | "complete" | "expired";
  paymentStatus?: "paid" | "unpaid";
  /** Default: a new payment intent in payment mode, none in subscription mode. */
  paymentIntent?: string | null;
  customer?: string;
  /** `customer_details.email`. */
  email?: string;
  /** A subscription-mode session: the subscription it started and that one's first invoice. */
  subscription?: { id: string; invoice: string };
};

/**
 * An embedded Checkout Session as Stripe reports it in `checkout.session.*` events: one-time
 * (`mode: payment`) unless it names a subscription.
 */
export function checkoutSession(fields: CheckoutSessionFields = {}): Stripe.Checkout.Session {
  const id = fields.sessionId ?? stripeId("cs_test_", 58);
  const amount = fields.amount ?? 4900;
  const orderId = fields.orderId === undefined ? null : fields.orderId;
  const subscription = fields.subscription;
  const defaultPaymentIntent = subscription ? null : stripeId("pi_");
  const session = {
    id,
    object: "checkout.session",
    amount_subtotal: amount,
    amount_total: amount,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    cancel_url: null,
    client_reference_id: orderId,
    client_secret: null,
    created: unixNow() - 60,
    currency: fields.currency ?? "usd",
    customer: fields.customer ?? "cus_test_buyer",
    customer_details: {
      address: null,
      email: fields.email ?? "buyer@example.com",
      name: null,
      phone: null,
      tax_exempt: "none",
      tax_ids: [],
    },
    customer_email: null,
    expires_at: unixNow() + 86_400,
    invoice: subscription?.invoice ?? null,
    livemode: false,
    metadata: fields.metadata ?? (orderId ? { orderId } : {}),
    mode: subscription ? "subscription" : "payment",
    payment_intent:
      fields.paymentIntent === undefined ? defaultPaymentIntent : fields.paymentIntent,
    payment_link: null,
    payment_method_types: ["card", "us_bank_account"],
    payment_status: fields.paymentStatus ?? "paid",
    return_url:
      "http://localhost:3000/offerings/x/checkout/return?session_id={CHECKOUT_SESSION_ID}",
    status: fields.status ?? "complete",
    subscription: subscription?.id ?? null,
    success_url: null,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "embedded_page",
    url: null,
  };
  return session as unknown as Stripe.Checkout.Session;
}
