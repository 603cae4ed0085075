/**
 * The receiver docs/outgoing-webhooks.md shows, run as written (only its port changed): it
 * verifies what the webhook channel sends with `standardwebhooks`, and handles a repeated
 * webhook-id once.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import path from "node:path";
import { afterAll, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { replayDelivery } from "@/lib/notifications/replay-delivery";
import { createEndpoint } from "@/lib/notifications/webhooks/create-endpoint";
import { generateEndpointSecret } from "@/lib/notifications/webhooks/signing";
import { encryptSecret } from "@/lib/security/secrets";
import { webhookChannel } from "@/lib/notifications/webhooks/webhook-channel";
import { makeUser } from "../../../tooling/seed/factories";
import { deliverDue, dispatchMessage } from "../../helpers/outgoing-webhooks";
import { resetDatabase } from "../../helpers/reset";

vi.stubEnv("OUTGOING_WEBHOOKS_ALLOW_PRIVATE", "on");

let receiver: ChildProcess | undefined;

afterAll(() => {
  receiver?.kill();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once something accepts connections on the port. */
async function listening(port: number): Promise<void> {
  await vi.waitFor(
    () =>
      new Promise<void>((resolve, reject) => {
        const socket = connect(port, "127.0.0.1", () => {
          socket.end();
          resolve();
        });
        socket.on("error", reject);
      }),
    { timeout: 30_000, interval: 200 },
  );
}

function docsReceiver(port: number): string {
  const guide = readFileSync(path.resolve("docs/outgoing-webhooks.md"), "utf8");
  const code = /```ts\n([\s\S]*?)```/.exec(guide)?.[1];
  expect(code).toContain("webhook.verify(");
  expect(code!.trim().split("\n").length).toBeLessThanOrEqual(22);
  const file = path.resolve(".data/tests/docs-receiver.ts");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, code!.replace(".listen(4000)", `.listen(${port})`));
  return file;
}

it("the guide's receiver verifies our deliveries and handles a repeat once", async () => {
  await resetDatabase();
  const port = await freePort();
  const actorId = (await makeUser({ role: "ADMIN" })).id;
  const endpoint = await createEndpoint({
    actorId,
    input: { url: `http://127.0.0.1:${port}/`, description: "", eventTypes: [], enabled: true },
  });
  const output: string[] = [];
  receiver = spawn(path.resolve("node_modules/.bin/tsx"), [docsReceiver(port)], {
    env: { ...process.env, WEBHOOK_SECRET: endpoint.secret },
    stdio: ["ignore", "pipe", "inherit"],
  });
  receiver.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString()));

  await listening(port);

  const id = await dispatchMessage(webhookChannel, "purchase.completed", { purchaseId: "p1" });
  await deliverDue(webhookChannel, [0]);
  const delivery = await db.outboxDelivery.findFirstOrThrow({ where: { messageId: id } });
  expect(delivery.status).toBe("DELIVERED");
  await replayDelivery({ deliveryId: delivery.id, actorId });
  await deliverDue(webhookChannel, [0]);

  const attempts = await db.outboxAttempt.findMany({
    where: { deliveryId: delivery.id, status: { not: null } },
    orderBy: { number: "asc" },
  });
  expect(attempts.map((attempt) => attempt.status)).toEqual([204, 204]);

  await vi.waitFor(() => expect(output.join("")).toContain("purchase.completed"));
  expect(output.join("").match(/received/g)).toHaveLength(1);

  // Signed with another secret: refused.
  await db.webhookEndpoint.update({
    where: { id: endpoint.id },
    data: { secret: encryptSecret(generateEndpointSecret()) },
  });
  await replayDelivery({ deliveryId: delivery.id, actorId });
  await deliverDue(webhookChannel, [0]);
  const last = await db.outboxAttempt.findFirstOrThrow({
    where: { deliveryId: delivery.id },
    orderBy: { number: "desc" },
  });
  expect(last.status).toBe(400);
}, 60_000);
