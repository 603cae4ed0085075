/**
 * The sandbox's whole state, in memory, optionally mirrored to a JSON file so a restarted
 * sandbox still knows the sessions and payments the app's database refers to.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { CheckoutSessionRecord } from "./objects/checkout-objects";
import type { StripeEvent } from "./objects/events";
import type { Invoice, InvoiceLineSource, InvoicePayment } from "./objects/invoice-objects";
import type { BillingPortalSession, PaymentLink } from "./objects/link-objects";
import { listOf, type Customer, type Price, type Product } from "./objects/objects";
import type { Charge, PaymentIntent, Refund } from "./objects/payment-objects";
import type { Coupon, Discount, PromotionCode } from "./objects/coupon-objects";
import type { Subscription } from "./objects/subscription-objects";
import type { SubscriptionSchedule } from "./objects/schedule-objects";
import { resourceMissing } from "./api/errors";
import type { PaymentMethodRecord } from "./types";

export interface PaymentLinkRecord {
  link: PaymentLink;
  lineItems: Array<{ price: string; quantity: number }>;
}

export interface StoredResponse {
  method: string;
  path: string;
  body: string;
  status: number;
  response: string;
}

/** A bank debit waiting to settle; kept in state so a restart still settles it. */
export interface PendingSettlement {
  paymentIntent: string;
  accountNumber: string;
  settleAt: number;
}

/** An invoice whose automatic collection failed: when it failed first and how often since. */
export interface Dunning {
  firstFailureAt: number;
  retries: number;
}

export interface SandboxState {
  customers: Record<string, Customer>;
  products: Record<string, Product>;
  prices: Record<string, Price>;
  checkoutSessions: Record<string, CheckoutSessionRecord>;
  paymentIntents: Record<string, PaymentIntent>;
  charges: Record<string, Charge>;
  refunds: Record<string, Refund>;
  paymentLinks: Record<string, PaymentLinkRecord>;
  portalSessions: Record<string, BillingPortalSession>;
  events: Record<string, StripeEvent>;
  idempotency: Record<string, StoredResponse>;
  pendingSettlements: PendingSettlement[];
  subscriptions: Record<string, Subscription>;
  invoices: Record<string, Invoice>;
  invoicePayments: Record<string, InvoicePayment>;
  paymentMethods: Record<string, PaymentMethodRecord>;
  /** Open invoices on the retry schedule, by invoice id. */
  dunning: Record<string, Dunning>;
  /** When each trialing subscription's `customer.subscription.trial_will_end` falls due (Unix). */
  trialNotices: Record<string, number>;
  subscriptionSchedules: Record<string, SubscriptionSchedule>;
  /** Prorations waiting for a subscription's next invoice (`proration_behavior=create_prorations`). */
  pendingInvoiceItems: Record<string, InvoiceLineSource[]>;
  coupons: Record<string, Coupon>;
  promotionCodes: Record<string, PromotionCode>;
  discounts: Record<string, Discount>;
  /** The sandbox's clock: seconds ahead of real time. */
  clock: { offsetSeconds: number };
}

function emptyState(): SandboxState {
  return {
    customers: {},
    products: {},
    prices: {},
    checkoutSessions: {},
    paymentIntents: {},
    charges: {},
    refunds: {},
    paymentLinks: {},
    portalSessions: {},
    events: {},
    idempotency: {},
    pendingSettlements: [],
    subscriptions: {},
    invoices: {},
    invoicePayments: {},
    paymentMethods: {},
    dunning: {},
    trialNotices: {},
    pendingInvoiceItems: {},
    subscriptionSchedules: {},
    coupons: {},
    promotionCodes: {},
    discounts: {},
    clock: { offsetSeconds: 0 },
  };
}

export class Store {
  readonly state: SandboxState;

  constructor(private readonly dataFile?: string) {
    this.state = emptyState();
    if (dataFile && existsSync(dataFile)) {
      Object.assign(
        this.state,
        JSON.parse(readFileSync(dataFile, "utf8")) as Partial<SandboxState>,
      );
    }
  }

  /** Writes the whole state; a rename keeps the file whole if the process dies mid-write. */
  save(): void {
    if (!this.dataFile) return;
    mkdirSync(path.dirname(this.dataFile), { recursive: true });
    const temporary = `${this.dataFile}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.state));
    renameSync(temporary, this.dataFile);
  }

  customer(id: string, param = "id"): Customer {
    return found(this.state.customers[id], "customer", id, param);
  }

  product(id: string, param = "id"): Product {
    return found(this.state.products[id], "product", id, param);
  }

  price(id: string, param = "id"): Price {
    return found(this.state.prices[id], "price", id, param);
  }

  checkoutSession(id: string, param = "id"): CheckoutSessionRecord {
    return found(this.state.checkoutSessions[id], "checkout.session", id, param);
  }

  paymentIntent(id: string, param = "id"): PaymentIntent {
    return found(this.state.paymentIntents[id], "payment_intent", id, param);
  }

  charge(id: string, param = "id"): Charge {
    return found(this.state.charges[id], "charge", id, param);
  }

  refund(id: string, param = "id"): Refund {
    return found(this.state.refunds[id], "refund", id, param);
  }

  paymentLink(id: string, param = "id"): PaymentLinkRecord {
    return found(this.state.paymentLinks[id], "payment_link", id, param);
  }

  portalSession(id: string): BillingPortalSession {
    return found(this.state.portalSessions[id], "billing_portal.session", id, "id");
  }

  subscription(id: string, param = "id"): Subscription {
    return found(this.state.subscriptions[id], "subscription", id, param);
  }

  invoice(id: string, param = "id"): Invoice {
    return found(this.state.invoices[id], "invoice", id, param);
  }

  invoicePayment(id: string, param = "id"): InvoicePayment {
    return found(this.state.invoicePayments[id], "invoice_payment", id, param);
  }

  paymentMethod(id: string, param = "id"): PaymentMethodRecord {
    return found(this.state.paymentMethods[id], "PaymentMethod", id, param);
  }

  subscriptionSchedule(id: string, param = "id"): SubscriptionSchedule {
    return found(this.state.subscriptionSchedules[id], "subscription_schedule", id, param);
  }

  coupon(id: string, param = "id"): Coupon {
    return found(this.state.coupons[id], "coupon", id, param);
  }

  promotionCode(id: string, param = "id"): PromotionCode {
    return found(this.state.promotionCodes[id], "promotion_code", id, param);
  }

  event(id: string): StripeEvent {
    return found(this.state.events[id], "event", id, "id");
  }

  /** The session a payment intent was created for (Stripe links them the other way round). */
  sessionForPaymentIntent(paymentIntentId: string): CheckoutSessionRecord | undefined {
    return Object.values(this.state.checkoutSessions).find(
      (record) => record.session.payment_intent === paymentIntentId,
    );
  }

  /** A field Stripe leaves out unless `expand[]` names it: an invoice's `payments`. */
  includable(object: Record<string, unknown>, field: string): object | undefined {
    if (object.object !== "invoice" || field !== "payments") return undefined;
    const payments = Object.values(this.state.invoicePayments)
      .filter((payment) => payment.invoice === object.id)
      .reverse();
    return listOf(`/v1/invoice_payments?invoice=${String(object.id)}`, payments);
  }

  /** Any stored object by id, for `expand[]`: the id prefix says which table to look in. */
  lookup(id: string): object | undefined {
    const state = this.state;
    const tables: Array<[string, (key: string) => object | undefined]> = [
      ["cus_", (key) => state.customers[key]],
      ["prod_", (key) => state.products[key]],
      ["price_", (key) => state.prices[key]],
      ["cs_", (key) => state.checkoutSessions[key]?.session],
      ["pi_", (key) => state.paymentIntents[key]],
      ["ch_", (key) => state.charges[key]],
      ["re_", (key) => state.refunds[key]],
      ["plink_", (key) => state.paymentLinks[key]?.link],
      ["evt_", (key) => state.events[key]],
      ["sub_sched_", (key) => state.subscriptionSchedules[key]],
      ["sub_", (key) => state.subscriptions[key]],
      ["si_", (key) => subscriptionItem(state, key)],
      ["in_", (key) => state.invoices[key]],
      ["inpay_", (key) => state.invoicePayments[key]],
      ["pm_", (key) => state.paymentMethods[key]?.paymentMethod],
      ["promo_", (key) => state.promotionCodes[key]],
      ["di_", (key) => state.discounts[key]],
    ];
    const table = tables.find(([prefix]) => id.startsWith(prefix));
    // Coupon ids are free text (the creator may choose them): looked up last.
    return table?.[1](id) ?? state.coupons[id];
  }
}

function subscriptionItem(state: SandboxState, id: string) {
  for (const subscription of Object.values(state.subscriptions)) {
    const item = subscription.items.data.find((candidate) => candidate.id === id);
    if (item) return item;
  }
  return undefined;
}

function found<T>(value: T | undefined, objectName: string, id: string, param: string): T {
  if (value === undefined) throw resourceMissing(objectName, id, param);
  return value;
}
