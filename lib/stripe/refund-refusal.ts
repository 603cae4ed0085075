import Stripe from "stripe";
import { AppError } from "@/lib/errors";

/**
 * Stripe's refusal of a refund as our error: the admin sees why, and nothing was changed.
 * `alreadyRefunded` is what to say when the charge was refunded already.
 */
export function explainRefundRefusal(error: unknown, alreadyRefunded: string): never {
  if (error instanceof Stripe.errors.StripeInvalidRequestError) {
    if (error.code === "charge_already_refunded")
      throw new AppError("already_refunded", alreadyRefunded);
    throw new AppError("conflict", `Stripe refused: ${error.message}`, {
      stripeCode: error.code ?? null,
    });
  }
  if (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError
  ) {
    throw new AppError(
      "provider_unavailable",
      "Stripe could not be reached; nothing was refunded. Try again in a moment.",
    );
  }
  throw error;
}
