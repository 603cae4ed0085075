import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { encryptSecret } from "@/lib/security/secrets";
import type { EndpointInput } from "@/lib/notifications/webhooks/schemas";
import { generateEndpointSecret } from "@/lib/notifications/webhooks/signing";
import { checkEndpointUrl } from "@/lib/notifications/webhooks/url-policy";

export type CreateEndpointOptions = {
  input: EndpointInput & { enabled: boolean };
  actorId: string;
};

/**
 * Adds a webhook endpoint with a new signing secret. The secret is stored encrypted and returned
 * here only: the admin sees it once. The URL is checked first (https, a public address: 422).
 */
export async function createEndpoint({ input, actorId }: CreateEndpointOptions) {
  const url = await checkEndpointUrl(input.url);
  const secret = generateEndpointSecret();
  const endpoint = await db.$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: {
        url,
        description: input.description,
        eventTypes: input.eventTypes,
        enabled: input.enabled,
        ...(input.enabled ? {} : { disabledAt: new Date(), disabledReason: "Created turned off." }),
        secret: encryptSecret(secret),
      },
      select: { id: true, url: true },
    });
    await recordAudit(tx, {
      actorId,
      action: "webhook_endpoint.create",
      subject: created.id,
      details: { url, eventTypes: input.eventTypes, enabled: input.enabled },
    });
    return created;
  });
  return { ...endpoint, secret };
}
