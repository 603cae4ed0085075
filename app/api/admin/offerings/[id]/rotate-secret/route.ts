import { adminRoute } from "@/lib/auth/route-guards";
import { rotateWebhookSecret } from "@/lib/offerings/rotate-webhook-secret";
import { idParam } from "@/lib/offerings/schemas";

/** Issues a new webhook secret; the previous one keeps working for 24 hours. */
export const POST = adminRoute<{ id: string }>(async (_request, { params, user }) => {
  const { webhookSecret, previousSecretExpiresAt } = await rotateWebhookSecret({
    offeringId: idParam.parse(params.id),
    actorId: user.id,
  });
  return Response.json({ webhookSecret, previousSecretExpiresAt });
});
