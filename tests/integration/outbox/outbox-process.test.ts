/**
 * The outbox worker in a process of its own beside the server (OUTBOX_WORKER=process, the
 * default: scripts/outbox-process.ts starts scripts/outbox-worker.ts). It delivers a payment's
 * messages to a seller's endpoint; killed, it is started again and delivers the next payment; it
 * ends with stop(). A worker that cannot run with its configuration (exit code 2) is left stopped.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { createEndpoint } from "@/lib/notifications/webhooks/create-endpoint";
import { startOutboxProcess, type OutboxProcess } from "../../../scripts/outbox-process";
import { makeUser } from "../../../tooling/seed/factories";
import { checkoutSession, stripeEvent } from "../../../tooling/stripe";
import { startReceiver, type Receiver } from "../../helpers/outgoing-webhooks";
import { resetDatabase } from "../../helpers/reset";
import { deliverStripeEvent, pendingStripeOrderScenario } from "../../helpers/stripe-webhook";

// The endpoint is a receiver on this machine (as in the worker's environment below).
vi.stubEnv("OUTGOING_WEBHOOKS_ALLOW_PRIVATE", "on");

let receiver: Receiver | undefined;
let worker: OutboxProcess | undefined;

beforeEach(resetDatabase);
afterEach(async () => {
  await worker?.stop();
  await receiver?.close();
  worker = receiver = undefined;
});

const workerEnv = (overrides: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  OUTGOING_WEBHOOKS_ALLOW_PRIVATE: "on",
  LOG_LEVEL: "warn",
  ...overrides,
});

async function waitFor(check: () => boolean, what: string, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pays a new pending order; its purchase.completed goes to the endpoint. */
async function pay() {
  const scenario = await pendingStripeOrderScenario();
  const event = stripeEvent(
    "checkout.session.completed",
    checkoutSession({ orderId: scenario.orderId }),
  );
  expect((await deliverStripeEvent(event)).status).toBe(200);
  return scenario.purchaseId;
}

function purchasesReceived(target: Receiver): string[] {
  return target.received
    .map((delivery) => JSON.parse(delivery.body) as { type: string; data: { purchaseId?: string } })
    .filter((body) => body.type === "purchase.completed")
    .map((body) => String(body.data.purchaseId));
}

it("delivers from its own process, comes back after a kill, and ends with stop()", async () => {
  const target = (receiver = await startReceiver());
  const admin = await makeUser({ role: "ADMIN" });
  const endpoint = await createEndpoint({
    actorId: admin.id,
    input: {
      url: target.url,
      description: "process",
      eventTypes: ["purchase.completed"],
      enabled: true,
    },
  });
  target.setSecrets([endpoint.secret]);
  const outbox = (worker = startOutboxProcess(workerEnv()));
  const firstPid = outbox.pid();
  expect(firstPid).toBeGreaterThan(0);

  const first = await pay();
  await waitFor(() => purchasesReceived(target).includes(first), "the first purchase delivered");

  process.kill(firstPid!, "SIGKILL");
  await waitFor(() => {
    const pid = outbox.pid();
    return pid !== undefined && pid !== firstPid;
  }, "a new worker process");
  const second = await pay();
  await waitFor(() => purchasesReceived(target).includes(second), "the second purchase delivered");
  expect(target.received.every((delivery) => delivery.verifiedWith.length === 1)).toBe(true);

  const lastPid = outbox.pid()!;
  await outbox.stop();
  expect(running(lastPid)).toBe(false);
  expect(outbox.pid()).toBeUndefined();
});

it("leaves a worker that cannot run with its configuration stopped", async () => {
  const outbox = (worker = startOutboxProcess(workerEnv({ DATABASE_URL: "" })));
  const pid = outbox.pid()!;
  await waitFor(() => !running(pid), "the worker to refuse");
  await sleep(1_500); // a restart would come after 1 s
  expect(outbox.pid()).toBeUndefined();
});
