import { readBodyWithLimit } from "@/lib/http/read-body";
import { route } from "@/lib/http/route";
import { handleStripeWebhook } from "@/lib/payments/stripe/handle-stripe-webhook";

const STRIPE_EVENT_MAX_BYTES = 512 * 1024;

/** Stripe's webhook: the raw body is what the signature covers, so it is read untouched. */
export const POST = route(async (request) => {
  const rawBody = await readBodyWithLimit(request, STRIPE_EVENT_MAX_BYTES);
  const result = await handleStripeWebhook({ rawBody, signature: request.headers.get("stripe-signature") });
  return Response.json(result);
});
