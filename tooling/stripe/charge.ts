import type Stripe from "stripe";
import { stripeId, unixNow } from "./event";

export type ChargeFields = {
  paymentIntent: string;
  id?: string;
  amount?: number;
  currency?: string;
  /** How much of it went back (0 by default): `refunded` is true once all of it did. */
  amountRefunded?: number;
  metadata?: Record<string, string>;
  customer?: string;
  /** `billing_details.email`. */
  email?: string | null;
  /** The card's fingerprint, the same for one card number whoever pays: new by default. */
  cardFingerprint?: string;
};

/** A card charge as `charge.succeeded` and `charge.refunded` report it. */
export function charge(fields: ChargeFields): Stripe.Charge {
  const amount = fields.amount ?? 4900;
  const amountRefunded = fields.amountRefunded ?? 0;
  const currency = fields.currency ?? "usd";
  const id = fields.id ?? stripeId("ch_");
  const refunds =
    amountRefunded > 0
      ? [
          {
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
          },
        ]
      : [];
  const object = {
    id,
    object: "charge",
    amount,
    amount_captured: amount,
    amount_refunded: amountRefunded,
    billing_details: { address: null, email: fields.email ?? null, name: null, phone: null },
    captured: true,
    created: unixNow() - 60,
    currency,
    customer: fields.customer ?? "cus_test_buyer",
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
        fingerprint: fields.cardFingerprint ?? stripeId("", 16),
        funding: "credit",
        last4: "4242",
      },
    },
    refunded: amountRefunded === amount,
    refunds: {
      object: "list",
      data: refunds,
      has_more: false,
      total_count: refunds.length,
      url: `/v1/charges/${id}/refunds`,
    },
    status: "succeeded",
  };
  return object as unknown as Stripe.Charge;
}

/** A charge refunded in full (or by `amountRefunded`), as `charge.refunded` reports it. */
export function refundedCharge(fields: ChargeFields): Stripe.Charge {
  return charge({ ...fields, amountRefunded: fields.amountRefunded ?? fields.amount ?? 4900 });
}
