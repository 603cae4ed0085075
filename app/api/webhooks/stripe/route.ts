import {
  STRIPE_EVENT_MAX_BYTES,
  handleStripeWebhook,
} from "@/lib/payments/stripe/handle-stripe-webhook";
import { webhookRoute } from "@/lib/payments/webhook-route";

/** Stripe's webhook: the signature covers the raw body, which webhookRoute reads untouched. */
export const POST = webhookRoute(
  "stripe",
  async ({ request, rawBody, facts }) => {
    const signature = request.headers.get("stripe-signature");
    const result = await handleStripeWebhook({ rawBody, signature, facts });
    return { outcome: result.outcome, body: result };
  },
  { maxBytes: STRIPE_EVENT_MAX_BYTES },
);
