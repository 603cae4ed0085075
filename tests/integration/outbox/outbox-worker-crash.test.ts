/**
 * At-least-once across a crash: the worker process is killed (SIGKILL) while its deliveries wait
 * on the receiver. Nothing is lost: once their leases run out, the restarted worker sends each
 * message again, under the same id (the receiver's dedupe key), and records it delivered.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeCommunity } from "../../../tooling/seed/factories";
import { checkoutSession, stripeEvent } from "../../../tooling/stripe";
import { resetDatabase } from "../../helpers/reset";
import { deliverStripeEvent, pendingStripeOrderScenario } from "../../helpers/stripe-webhook";

beforeEach(resetDatabase);

const workers: ChildProcess[] = [];

/** Kills a worker's whole process group (tsx and the node it runs). */
function kill(worker: ChildProcess) {
  if (worker.pid === undefined || worker.exitCode !== null) return;
  try {
    process.kill(-worker.pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}
afterEach(() => workers.splice(0).forEach(kill));

async function startWorker(receiver: string) {
  const worker = spawn(
    path.resolve("node_modules/.bin/tsx"),
    [path.resolve("tests/helpers/outbox-worker-cli.ts")],
    {
      env: {
        ...process.env,
        OUTBOX_TEST_RECEIVER: receiver,
        OUTBOX_LEASE_SECONDS: "3",
        OUTBOX_RETRY_SCHEDULE: "0,1,1,1",
        LOG_LEVEL: "warn",
      },
      detached: true,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  workers.push(worker);
  let output = "";
  worker.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  while (!output.includes("outbox worker ready")) {
    if (Date.now() > deadline || worker.exitCode !== null)
      throw new Error("the worker did not start");
    await sleep(50);
  }
  return worker;
}

/** A receiver that holds every request while `hold` is on, then answers 200; counts ids. */
function receiver() {
  const seen: string[] = [];
  const held: ServerResponse[] = [];
  const state = { hold: true };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    request.on("end", () => {
      seen.push(String(request.headers["webhook-id"]));
      if (state.hold) held.push(response);
      else response.end("ok");
    });
  });
  return { server, seen, held, state };
}

async function waitFor(check: () => Promise<boolean> | boolean, what: string, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe("the outbox worker killed mid-delivery", () => {
  it("loses nothing: after a restart every message is delivered, again under its own id", async () => {
    const target = receiver();
    target.server.listen(0, "127.0.0.1");
    await once(target.server, "listening");
    const url = `http://127.0.0.1:${(target.server.address() as AddressInfo).port}/hook`;
    try {
      const scenario = await pendingStripeOrderScenario();
      await db.offeringCommunity.create({
        data: { offeringId: scenario.offering.id, communityId: (await makeCommunity("Two")).id },
      });
      const event = stripeEvent(
        "checkout.session.completed",
        checkoutSession({ orderId: scenario.orderId }),
      );
      const first = await startWorker(url);
      expect((await deliverStripeEvent(event)).status).toBe(200);

      // All three messages are on their way, held by the receiver: the worker dies mid-send.
      await waitFor(() => target.held.length === 3, "three deliveries in flight");
      kill(first);
      await once(first, "exit");
      const inFlight = [...target.seen];
      target.state.hold = false;
      target.held.splice(0).forEach((response) => response.destroy());

      await startWorker(url);
      await waitFor(
        async () => (await db.outboxDelivery.count({ where: { status: "DELIVERED" } })) === 3,
        "every delivery recorded delivered",
      );

      const messages = await db.outboxMessage.findMany({ select: { id: true } });
      expect(new Set(inFlight)).toEqual(new Set(messages.map((message) => message.id)));
      // Each id arrived again after the restart, and no other: the receiver dedupes on it.
      expect(new Set(target.seen.slice(inFlight.length))).toEqual(new Set(inFlight));
      const deliveries = await db.outboxDelivery.findMany({ include: { attemptLog: true } });
      for (const delivery of deliveries) {
        // Attempt 1 was taken by the worker that died and never recorded.
        expect(delivery.attemptLog.map((entry) => entry.number)).not.toContain(1);
        expect(delivery.attemptLog.at(-1)).toMatchObject({ status: 200 });
      }
    } finally {
      target.server.closeAllConnections();
      target.server.close();
    }
  });
});
