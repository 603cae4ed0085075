import type Stripe from "stripe";
import type { Tx } from "@/lib/db";
import { recordStripeCharge } from "@/lib/commissions/record-stripe-charge";
import type { EventResult } from "@/lib/events/process-event";

/**
 * A successful charge grants nothing (the Checkout Session or invoice does that); it tells us
 * who paid and with which card, which the commission self-referral check compares.
 */
export async function chargeSucceeded(tx: Tx, event: Stripe.Event): Promise<EventResult> {
  const charge = event.data.object as Stripe.Charge;
  const id = (value: string | { id: string } | null | undefined) =>
    typeof value === "string" ? value : (value?.id ?? null);
  const result = await recordStripeCharge(tx, {
    chargeId: charge.id,
    paymentIntentId: id(charge.payment_intent),
    orderId: charge.metadata?.orderId ?? null,
    customerId: id(charge.customer),
    cardFingerprint: charge.payment_method_details?.card?.fingerprint ?? null,
    email: charge.billing_details?.email ?? charge.receipt_email ?? null,
  });
  return { outcome: "PROCESSED", details: { note: "charge_recorded", ...result } };
}
