import { readBodyWithLimit } from "@/lib/http/read-body";
import { route } from "@/lib/http/route";
import { secretFromHeaders } from "@/lib/offerings/verify-webhook-secret";
import {
  OFFERING_WEBHOOK_MAX_BYTES,
  handleOfferingWebhook,
} from "@/lib/payments/external/handle-offering-webhook";

/** The generic provider webhook: any provider posts payment results for one offering here. */
export const POST = route<{ id: string }>(async (request, { params }) => {
  const { id } = await params;
  const rawBody = await readBodyWithLimit(request, OFFERING_WEBHOOK_MAX_BYTES);
  const result = await handleOfferingWebhook({
    offeringId: id,
    secret: secretFromHeaders(request.headers),
    rawBody,
  });
  // 202: accepted and stored, but waiting (a buyer whose address is not verified yet).
  return Response.json(result, { status: result.outcome === "unclaimed" ? 202 : 200 });
});
