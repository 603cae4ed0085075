/**
 * Webhook bodies as providers document them (PayPal's sample events for REST v1 sales and v2
 * captures and billing subscriptions), with the fields a seller's setup fills in (custom_id,
 * amounts) given by the test. Stripe's bodies come from tooling/stripe.
 */
import { randomBytes } from "node:crypto";

const id = (prefix: string) => `${prefix}${randomBytes(8).toString("hex").toUpperCase()}`;

/** PayPal's documented PAYMENT.SALE.COMPLETED (REST v1). */
export function payPalSaleCompleted(fields: {
  custom?: string;
  total: string;
  currency: string;
  saleId?: string;
}) {
  const saleId = fields.saleId ?? id("80021663DE");
  return {
    id: id("WH-2WR32451HC0233532-"),
    event_version: "1.0",
    create_time: "2014-10-23T17:23:52Z",
    resource_type: "sale",
    event_type: "PAYMENT.SALE.COMPLETED",
    summary: `A successful sale payment was made for $ ${fields.total} ${fields.currency}`,
    resource: {
      amount: {
        total: fields.total,
        currency: fields.currency,
        details: { subtotal: fields.total },
      },
      id: saleId,
      parent_payment: "PAY-1PA12106FU478450MKRETS4A",
      update_time: "2014-10-23T17:23:04Z",
      create_time: "2014-10-23T17:22:56Z",
      payment_mode: "INSTANT_TRANSFER",
      state: "completed",
      ...(fields.custom ? { custom: fields.custom } : {}),
      links: [
        { href: `https://api.paypal.com/v1/payments/sale/${saleId}`, rel: "self", method: "GET" },
        {
          href: `https://api.paypal.com/v1/payments/sale/${saleId}/refund`,
          rel: "refund",
          method: "POST",
        },
      ],
    },
    links: [
      {
        href: "https://api.paypal.com/v1/notifications/webhooks-events/WH-2WR32451HC0233532",
        rel: "self",
        method: "GET",
      },
    ],
  };
}

/** PayPal's documented PAYMENT.SALE.REFUNDED (REST v1). */
export function payPalSaleRefunded(fields: { saleId: string; total: string; currency: string }) {
  return {
    id: id("WH-2N242548W9943490U-"),
    event_version: "1.0",
    create_time: "2014-10-31T15:42:24Z",
    resource_type: "sale",
    event_type: "PAYMENT.SALE.REFUNDED",
    summary: `A ${fields.total} ${fields.currency} sale payment was refunded`,
    resource: {
      sale_id: fields.saleId,
      id: id("6YX43824R4443062K"),
      parent_payment: "PAY-5437236047802405NKRJ22UA",
      update_time: "2014-10-31T15:41:51Z",
      amount: { total: fields.total, currency: fields.currency },
      create_time: "2014-10-31T15:41:51Z",
      state: "completed",
    },
  };
}

/** PayPal's documented PAYMENT.CAPTURE.COMPLETED (Orders v2). */
export function payPalCaptureCompleted(fields: {
  customId?: string;
  value: string;
  currencyCode: string;
  payerEmail?: string;
  captureId?: string;
}) {
  const captureId = fields.captureId ?? id("27M47624FP");
  return {
    id: id("WH-58D329510W468432D-"),
    create_time: "2019-02-14T21:50:07.940Z",
    resource_type: "capture",
    event_type: "PAYMENT.CAPTURE.COMPLETED",
    summary: `Payment completed for ${fields.value} ${fields.currencyCode}`,
    resource: {
      amount: { currency_code: fields.currencyCode, value: fields.value },
      seller_protection: {
        status: "ELIGIBLE",
        dispute_categories: ["ITEM_NOT_RECEIVED", "UNAUTHORIZED_TRANSACTION"],
      },
      final_capture: true,
      ...(fields.customId ? { custom_id: fields.customId } : {}),
      ...(fields.payerEmail ? { payer: { email_address: fields.payerEmail } } : {}),
      status: "COMPLETED",
      id: captureId,
      links: [
        {
          href: `https://api.paypal.com/v2/payments/captures/${captureId}`,
          rel: "self",
          method: "GET",
        },
        {
          href: `https://api.paypal.com/v2/payments/captures/${captureId}/refund`,
          rel: "refund",
          method: "POST",
        },
      ],
    },
    event_version: "1.0",
    resource_version: "2.0",
  };
}

/** PayPal's documented PAYMENT.CAPTURE.REFUNDED (Orders v2): the refund links "up" to its capture. */
export function payPalCaptureRefunded(fields: {
  captureId: string;
  value: string;
  currencyCode: string;
}) {
  const refundId = id("1Y107995YT");
  return {
    id: id("WH-1GE84257G0350133W-"),
    create_time: "2018-08-15T19:14:04.543Z",
    resource_type: "refund",
    event_type: "PAYMENT.CAPTURE.REFUNDED",
    summary: `A ${fields.value} ${fields.currencyCode} capture payment was refunded`,
    resource: {
      id: refundId,
      amount: { currency_code: fields.currencyCode, value: fields.value },
      status: "COMPLETED",
      links: [
        {
          href: `https://api.paypal.com/v2/payments/refunds/${refundId}`,
          rel: "self",
          method: "GET",
        },
        {
          href: `https://api.paypal.com/v2/payments/captures/${fields.captureId}`,
          rel: "up",
          method: "GET",
        },
      ],
    },
    event_version: "1.0",
    resource_version: "2.0",
  };
}

/** PayPal's documented BILLING.SUBSCRIPTION.CANCELLED. */
export function payPalSubscriptionCancelled(fields: { customId?: string; email?: string }) {
  return {
    id: id("WH-55TG7562XN2588878-"),
    event_version: "1.0",
    create_time: "2018-12-10T21:20:49.000Z",
    resource_type: "subscription",
    resource_version: "2.0",
    event_type: "BILLING.SUBSCRIPTION.CANCELLED",
    summary: "Subscription cancelled",
    resource: {
      id: id("I-BW452GLLEP1G"),
      status: "CANCELLED",
      plan_id: "P-5ML4271244454362WXNWU5NQ",
      ...(fields.customId ? { custom_id: fields.customId } : {}),
      subscriber: {
        email_address: fields.email ?? "customer@example.com",
        name: { given_name: "John", surname: "Doe" },
      },
      create_time: "2018-12-10T21:20:49Z",
    },
  };
}
