/**
 * Endpoint signing secrets are stored encrypted like every other secret, so a rotation of
 * ENCRYPTION_KEY (`npm run secrets:reencrypt`) moves them too, current and previous: afterwards
 * the new key alone decrypts them, and they are the same secrets.
 */
import { expect, it } from "vitest";
import { db } from "@/lib/db";
import { createEndpoint } from "@/lib/notifications/webhooks/create-endpoint";
import { rotateEndpointSecret } from "@/lib/notifications/webhooks/rotate-endpoint-secret";
import { decryptSecret } from "@/lib/security/secrets";
import { reencryptSecrets } from "@/lib/settings/reencrypt-secrets";
import { makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";

const OLD_KEY = process.env.ENCRYPTION_KEY!;
const NEW_KEY = "a-brand-new-encryption-key-0123456789";

it("moves endpoint secrets, current and previous, to the new key", async () => {
  await resetDatabase();
  const actorId = (await makeUser({ role: "ADMIN" })).id;
  const input = { url: "https://93.184.216.34/hooks", description: "", eventTypes: [] };
  const endpoint = await createEndpoint({ actorId, input: { ...input, enabled: true } });
  const rotated = await rotateEndpointSecret({ endpointId: endpoint.id, actorId });

  const result = await reencryptSecrets({ keys: { current: NEW_KEY, previous: OLD_KEY } });

  expect(result.reencrypted).toBeGreaterThanOrEqual(2);
  const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
  expect(decryptSecret(row.secret, { current: NEW_KEY })).toBe(rotated.secret);
  expect(decryptSecret(row.previousSecret!, { current: NEW_KEY })).toBe(endpoint.secret);
  expect(() => decryptSecret(row.secret, { current: OLD_KEY })).toThrow();
});
