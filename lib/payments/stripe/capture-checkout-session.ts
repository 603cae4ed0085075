import type Stripe from "stripe";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { eventFailureToAppError } from "@/lib/events/event-failure";
import { getStripe, isStripeMissing } from "@/lib/stripe/client";
import { applyCheckoutSession } from "@/lib/payments/stripe/events/apply-checkout-session";
import { sessionOrderId } from "@/lib/stripe/checkout-session";

export type CaptureCheckoutSessionOptions = { userId: string; sessionId: string };

/** One word for the page. `not_completed`: the session is still open, so nobody has paid yet. */
export type CaptureStatus =
  "paid" | "pending" | "not_completed" | "failed" | "refunded" | "expired";

export const NOT_COMPLETED_REASON = "The payment was not completed.";

const notFound = () => new AppError("not_found", "No checkout session of yours has this id.");

/**
 * The return page's question "did my payment go through?", answered from Stripe on the server,
 * never from the browser. A paid session whose webhook has not arrived yet is fulfilled here with
 * the same code as the webhook, so access is granted once, whichever comes first.
 */
export async function captureCheckoutSession({ userId, sessionId }: CaptureCheckoutSessionOptions) {
  const session = await (
    await getStripe()
  ).checkout.sessions
    .retrieve(sessionId, { expand: ["payment_intent"] })
    .catch((error: unknown) => {
      throw isStripeMissing(error) ? notFound() : error;
    });
  const orderId = sessionOrderId(session);
  const order = orderId
    ? await db.order.findUnique({
        where: { id: orderId },
        select: { id: true, userId: true, purchaseId: true, status: true },
      })
    : null;
  if (!order || order.userId !== userId) throw notFound();

  if (session.status === "complete" && session.payment_status !== "unpaid") {
    const result = await db.$transaction((tx) =>
      applyCheckoutSession(tx, session, { cause: `return page ${session.id}` }),
    );
    // Only a refused amount is the buyer's answer; anything else shows as the purchase's status.
    if (result.outcome === "FAILED" && result.error === "amount_mismatch")
      throw eventFailureToAppError(result.error);
  }

  const purchase = await db.purchase.findUniqueOrThrow({
    where: { id: order.purchaseId },
    select: {
      id: true,
      status: true,
      expiresAt: true,
      offering: { select: { id: true, name: true } },
    },
  });
  const status = captureStatus(purchase.status, order.status, session);
  return {
    sessionId: session.id,
    sessionStatus: session.status,
    paymentStatus: session.payment_status,
    // A subscription that starts with a free trial completes with nothing to pay.
    freeTrial: session.mode === "subscription" && session.payment_status === "no_payment_required",
    status,
    // Only for an open session: why the last attempt failed, and where to try again.
    declineReason: status === "not_completed" ? declineReason(session) : null,
    checkoutUrl:
      status === "not_completed"
        ? (session.url ?? `/offerings/${purchase.offering.id}/checkout`)
        : null,
    purchaseId: purchase.id,
    purchaseStatus: purchase.status,
    accessUntil: purchase.expiresAt,
    offering: purchase.offering,
  };
}

function captureStatus(
  purchaseStatus: string,
  orderStatus: string,
  session: Stripe.Checkout.Session,
): CaptureStatus {
  if (purchaseStatus === "SUCCEEDED") return "paid";
  if (purchaseStatus === "REFUNDED") return "refunded";
  if (purchaseStatus === "FAILED") return "failed";
  // The session ran out, or its purchase was retired (a price change) and cannot be paid any more.
  if (session.status === "expired" || orderStatus === "EXPIRED" || purchaseStatus === "EXPIRED")
    return "expired";
  // Open: the buyer left the checkout (a declined card keeps them there); nothing is processing.
  if (session.status === "open") return "not_completed";
  // Complete: paid and about to be granted, or `unpaid` while a bank debit settles.
  return "pending";
}

/** Decline codes whose reason a buyer may be told (Stripe advises silence on the others). */
const TELLABLE_DECLINES: Record<string, string> = { insufficient_funds: "insufficient funds" };

/**
 * Why the last attempt failed, in the buyer's words: a declined card says so first ("Your card
 * was declined (insufficient funds)."), rather than Stripe's bare reason. A subscription-mode
 * session has no payment intent of its own, and an open session nobody tried to pay has no error.
 */
function declineReason(session: Stripe.Checkout.Session): string {
  const intent = session.payment_intent;
  const error = intent && typeof intent !== "string" ? intent.last_payment_error : null;
  if (!error) return NOT_COMPLETED_REASON;
  if (error.code === "card_declined") {
    const reason = error.decline_code ? TELLABLE_DECLINES[error.decline_code] : undefined;
    return reason ? `Your card was declined (${reason}).` : "Your card was declined.";
  }
  return error.message ?? NOT_COMPLETED_REASON;
}
