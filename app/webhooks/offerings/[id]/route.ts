import {
  OFFERING_WEBHOOK_MAX_BYTES,
  handleOfferingWebhook,
  offeringWebhookAnswer,
} from "@/lib/payments/external/handle-offering-webhook";
import { webhookRoute } from "@/lib/payments/webhook-route";
import { clientAddressFrom } from "@/lib/security/rate-limit";

/**
 * The offering webhook: any provider posts payment results for one offering here, in our JSON,
 * Stripe's event body or PayPal's. Every answer, refusals included, goes in the offering's
 * delivery log (webhookRoute) and writes one line to the server log.
 */
export const POST = webhookRoute<{ id: string }>(
  "external",
  async ({ request: { headers }, params, rawBody, facts }) => {
    const clientAddress = clientAddressFrom(headers);
    const delivery = { offeringId: params.id, headers, rawBody, facts, clientAddress };
    return offeringWebhookAnswer(await handleOfferingWebhook(delivery));
  },
  { maxBytes: OFFERING_WEBHOOK_MAX_BYTES, offeringOf: (params) => params.id },
);
