import { readProviderBody } from "@/lib/http/read-body";
import type { RouteContext } from "@/lib/http/route";
import { startWebhookDelivery } from "@/lib/observability/webhook-delivery";
import { handleStripeWebhook } from "@/lib/payments/stripe/handle-stripe-webhook";

const STRIPE_EVENT_MAX_BYTES = 512 * 1024;

/**
 * Stripe's webhook: the raw body is what the signature covers, so it is read untouched. Each
 * delivery, answered or refused, writes one log line.
 */
export const POST: (
  request: Request,
  context: RouteContext<Record<string, string>>,
) => Promise<Response> = async (request) => {
  const delivery = startWebhookDelivery("stripe", request);
  try {
    const rawBody = await readProviderBody(request, STRIPE_EVENT_MAX_BYTES);
    const signature = request.headers.get("stripe-signature");
    const result = await handleStripeWebhook({ rawBody, signature, facts: delivery.facts });
    return delivery.succeeded(result.outcome, Response.json(result));
  } catch (error) {
    return delivery.failed(error).response;
  }
};
