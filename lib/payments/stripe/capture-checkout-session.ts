import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getStripe, isStripeMissing } from "@/lib/payments/stripe/client";
import { fulfilCheckoutSession, sessionOrderId } from "@/lib/payments/stripe/fulfil-checkout-session";

export type CaptureCheckoutSessionOptions = { userId: string; sessionId: string };

const notFound = () => new AppError("not_found", "No checkout session of yours has this id.");

/**
 * The return page's question "did my payment go through?", answered from Stripe on the server,
 * never from the browser. A paid session whose webhook has not arrived yet is fulfilled here with
 * the same code as the webhook, so access is granted once, whichever comes first.
 */
export async function captureCheckoutSession({ userId, sessionId }: CaptureCheckoutSessionOptions) {
  const session = await getStripe()
    .checkout.sessions.retrieve(sessionId)
    .catch((error: unknown) => {
      throw isStripeMissing(error) ? notFound() : error;
    });
  const orderId = sessionOrderId(session);
  const order = orderId
    ? await db.order.findUnique({ where: { id: orderId }, select: { id: true, userId: true, purchaseId: true } })
    : null;
  if (!order || order.userId !== userId) throw notFound();

  if (session.status === "complete" && session.payment_status !== "unpaid") {
    const result = await db.$transaction((tx) => fulfilCheckoutSession(tx, session, { cause: `return page ${session.id}` }));
    if (result.outcome === "FAILED" && result.error === "amount_mismatch") {
      throw new AppError("amount_mismatch", "The paid amount does not match the order; nothing was granted.");
    }
  }

  const purchase = await db.purchase.findUniqueOrThrow({
    where: { id: order.purchaseId },
    select: { id: true, status: true, expiresAt: true, offering: { select: { id: true, name: true } } },
  });
  return {
    sessionId: session.id,
    sessionStatus: session.status,
    paymentStatus: session.payment_status,
    status: captureStatus(purchase.status, session),
    purchaseId: purchase.id,
    purchaseStatus: purchase.status,
    accessUntil: purchase.expiresAt,
    offering: purchase.offering,
  };
}

/** One word for the page: paid, pending, failed, refunded or expired. */
function captureStatus(purchaseStatus: string, session: { status: string | null; payment_status: string }) {
  if (purchaseStatus === "SUCCEEDED") return "paid";
  if (purchaseStatus === "REFUNDED") return "refunded";
  if (purchaseStatus === "FAILED") return "failed";
  if (session.status === "expired") return "expired";
  return "pending";
}
