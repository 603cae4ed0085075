/**
 * Stripe-shaped events, signed the way Stripe signs them (the real SDK's test header), delivered
 * to the webhook route handler as Stripe's HTTP request would be. Plus a pending Stripe order to
 * point them at.
 */
import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import { POST } from "@/app/api/webhooks/stripe/route";
import { db } from "@/lib/db";
import { openPendingPurchase } from "@/lib/purchases/open-pending-purchase";
import { makeCommunity, makeOffering, makeUser } from "../../tooling/seed/factories";

/** The secret vitest.config.ts gives the app. */
export const WEBHOOK_SECRET = "whsec_integration_test_secret";
export const API_VERSION = "2026-10-28.endive";

const sdk = new Stripe("sk_test_event_builder");
const unixNow = () => Math.floor(Date.now() / 1000);
const stripeId = (prefix: string, length = 24) =>
  `${prefix}${randomBytes(length).toString("base64url").slice(0, length)}`;

export type StripeEventObject = Stripe.Checkout.Session | Stripe.Charge | Record<string, unknown>;

/** The envelope Stripe posts to webhook endpoints. */
export function stripeEvent(
  type: string,
  object: StripeEventObject,
  overrides: { id?: string; created?: number } = {},
) {
  return {
    id: overrides.id ?? stripeId("evt_"),
    object: "event" as const,
    api_version: API_VERSION,
    created: overrides.created ?? unixNow(),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

export type StripeTestEvent = ReturnType<typeof stripeEvent>;

export type SessionFields = {
  orderId?: string | null;
  metadata?: Record<string, string>;
  amount?: number;
  currency?: string;
  status?: "open" | "complete" | "expired";
  paymentStatus?: "paid" | "unpaid";
  paymentIntent?: string | null;
  sessionId?: string;
};

/** A one-time embedded Checkout Session as Stripe reports it in checkout.session.* events. */
export function checkoutSession(fields: SessionFields = {}): Stripe.Checkout.Session {
  const id = fields.sessionId ?? stripeId("cs_test_", 58);
  const amount = fields.amount ?? 4900;
  const orderId = fields.orderId === undefined ? null : fields.orderId;
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
    customer: "cus_test_buyer",
    customer_details: {
      address: null,
      email: "buyer@example.com",
      name: null,
      phone: null,
      tax_exempt: "none",
      tax_ids: [],
    },
    customer_email: null,
    expires_at: unixNow() + 86_400,
    livemode: false,
    metadata: fields.metadata ?? (orderId ? { orderId } : {}),
    mode: "payment",
    payment_intent: fields.paymentIntent === undefined ? stripeId("pi_") : fields.paymentIntent,
    payment_link: null,
    payment_method_types: ["card", "us_bank_account"],
    payment_status: fields.paymentStatus ?? "paid",
    return_url:
      "http://localhost:3000/offerings/x/checkout/return?session_id={CHECKOUT_SESSION_ID}",
    status: fields.status ?? "complete",
    success_url: null,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "embedded_page",
    url: null,
  };
  return session as unknown as Stripe.Checkout.Session;
}

export type ChargeFields = {
  paymentIntent: string;
  amount?: number;
  currency?: string;
  amountRefunded?: number;
  metadata?: Record<string, string>;
};

/** A card charge as charge.refunded reports it: `refunded` is true once all of it is back. */
export function refundedCharge(fields: ChargeFields): Stripe.Charge {
  const amount = fields.amount ?? 4900;
  const amountRefunded = fields.amountRefunded ?? amount;
  const currency = fields.currency ?? "usd";
  const id = stripeId("ch_");
  const refund = {
    id: stripeId("re_"),
    object: "refund",
    amount: amountRefunded,
    charge: id,
    created: unixNow(),
    currency,
    metadata: {},
    payment_intent: fields.paymentIntent,
    reason: null,
    status: "succeeded",
  };
  const charge = {
    id,
    object: "charge",
    amount,
    amount_captured: amount,
    amount_refunded: amountRefunded,
    captured: true,
    created: unixNow() - 60,
    currency,
    customer: "cus_test_buyer",
    livemode: false,
    metadata: fields.metadata ?? {},
    paid: true,
    payment_intent: fields.paymentIntent,
    payment_method_details: {
      type: "card",
      card: {
        brand: "visa",
        country: "US",
        exp_month: 12,
        exp_year: 2040,
        funding: "credit",
        last4: "4242",
      },
    },
    refunded: amountRefunded === amount,
    refunds: {
      object: "list",
      data: [refund],
      has_more: false,
      total_count: 1,
      url: `/v1/charges/${id}/refunds`,
    },
    status: "succeeded",
  };
  return charge as unknown as Stripe.Charge;
}

/** Stripe pretty-prints the events it posts; the signature covers exactly these bytes. */
export function serialiseEvent(event: object): string {
  return JSON.stringify(event, null, 2);
}

export function signatureFor(
  payload: string,
  options: { secret?: string; timestamp?: number } = {},
): string {
  return sdk.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? WEBHOOK_SECRET,
    ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }),
  });
}

export type StripeDelivery = {
  /** Bytes to post instead of the serialised event (the signature still covers the event's). */
  rawBody?: string;
  /** The Stripe-Signature header; null leaves it out. Default: a valid one for the event. */
  signature?: string | null;
  secret?: string;
  timestamp?: number;
};

export type WebhookAnswer = { status: number; body: Record<string, unknown> };

/** POSTs an event to the Stripe webhook route handler as Stripe would. */
export async function deliverStripeEvent(
  event: object,
  delivery: StripeDelivery = {},
): Promise<WebhookAnswer> {
  const payload = serialiseEvent(event);
  const signature =
    delivery.signature === undefined ? signatureFor(payload, delivery) : delivery.signature;
  const headers: Record<string, string> = {
    "content-type": "application/json; charset=utf-8",
    "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
  };
  if (signature !== null) headers["stripe-signature"] = signature;
  const request = new Request("http://localhost:3000/api/webhooks/stripe", {
    method: "POST",
    headers,
    body: delivery.rawBody ?? payload,
  });
  const response = await POST(request, { params: Promise.resolve({}) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A STRIPE_EMBEDDED offering that grants one new community. */
export async function embeddedOffering(overrides: Parameters<typeof makeOffering>[0] = {}) {
  const community = await makeCommunity();
  const offering = await makeOffering({
    channel: "STRIPE_EMBEDDED",
    paymentLink: undefined,
    communityIds: [community.id],
    ...overrides,
  });
  return { community, offering };
}

/**
 * A user with a pending Stripe order for a STRIPE_EMBEDDED offering that grants one community,
 * made the way checkout makes it (no Stripe call: the session is the event's business).
 */
export async function pendingStripeOrderScenario(
  offeringOverrides: Parameters<typeof makeOffering>[0] = {},
) {
  const { community, offering } = await embeddedOffering(offeringOverrides);
  const price = await db.offering.findUniqueOrThrow({
    where: { id: offering.id },
    select: { id: true, priceAmount: true, currency: true },
  });
  const user = await makeUser();
  const { purchaseId, orderId } = await db.$transaction((tx) =>
    openPendingPurchase(tx, { userId: user.id, offering: price, provider: "STRIPE" }),
  );
  const metadata = { purchaseId, orderId, offeringId: offering.id, userId: user.id };
  return { community, offering, user, purchaseId, orderId, metadata };
}

/** What a purchase left in the database: the rows a test asserts on. */
export async function purchaseRows(purchaseId: string) {
  const [purchase, orders, memberships, grants, revokes, events] = await Promise.all([
    db.purchase.findUniqueOrThrow({ where: { id: purchaseId } }),
    db.order.findMany({ where: { purchaseId } }),
    db.membership.findMany({ where: { purchaseId } }),
    db.accessEvent.count({ where: { purchaseId, action: "GRANT" } }),
    db.accessEvent.count({ where: { purchaseId, action: "REVOKE" } }),
    db.processedEvent.findMany({ where: { purchaseId }, orderBy: { receivedAt: "asc" } }),
  ]);
  return { purchase, orders, memberships, grants, revokes, events };
}
