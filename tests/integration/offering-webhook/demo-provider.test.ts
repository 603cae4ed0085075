/**
 * The demo provider settles a purchase by posting the offering webhook over HTTP, as a real
 * provider would. Here the app's webhook route handler is served on a local port (the app's URL
 * for this file) so that the whole path runs: use case → HTTP → route → database.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST } from "@/app/webhooks/offerings/[id]/route";
import { hasCommunityAccess } from "@/lib/access/active-access";
import { db } from "@/lib/db";
import { demoProviderLink } from "@/lib/demo-provider/demo-checkout";
import { getDemoCheckout } from "@/lib/demo-provider/get-demo-checkout";
import { payDemoCheckout } from "@/lib/demo-provider/pay-demo-checkout";
import { makeUser, pendingPurchaseScenario } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";

const CONFIG = ["NEXT_PUBLIC_APP_URL", "DEMO_PROVIDER"] as const;
const configured = CONFIG.map((name) => [name, process.env[name]] as const);
let server: Server | undefined;

/** Serves POST /webhooks/offerings/:id with the app's own route handler. */
function webhookServer() {
  return createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const id = /^\/webhooks\/offerings\/([^/?]+)$/.exec(incoming.url ?? "")?.[1];
    if (incoming.method !== "POST" || !id) {
      outgoing.writeHead(404).end();
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (typeof value === "string") headers.set(name, value);
    }
    const request = new Request(`http://127.0.0.1${incoming.url}`, {
      method: "POST",
      headers,
      body: Buffer.concat(chunks),
    });
    const response = await POST(request, { params: Promise.resolve({ id }) });
    outgoing.writeHead(response.status, { "content-type": "application/json" });
    outgoing.end(await response.text());
  });
}

beforeAll(async () => {
  server = webhookServer();
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  // The app reads its configuration lazily: set before its first read in this file.
  process.env.NEXT_PUBLIC_APP_URL = `http://127.0.0.1:${port}`;
  process.env.DEMO_PROVIDER = "on";
});

afterAll(async () => {
  for (const [name, value] of configured) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await new Promise((resolve) => server?.close(resolve));
});

beforeEach(resetDatabase);

/** A's pending purchase of an offering the demo provider takes payments for. */
async function demoPurchase() {
  return pendingPurchaseScenario({ paymentLink: demoProviderLink() });
}

async function purchaseState(purchaseId: string) {
  const [purchase, orders, memberships, events] = await Promise.all([
    db.purchase.findUniqueOrThrow({
      where: { id: purchaseId },
      select: { status: true, accessGrantedAt: true },
    }),
    db.order.findMany({
      where: { purchaseId },
      select: { id: true, status: true, providerCaptureId: true },
    }),
    db.membership.findMany({ where: { purchaseId }, select: { communityId: true, userId: true } }),
    db.processedEvent.count({ where: { purchaseId } }),
  ]);
  return { purchase, orders, memberships, events };
}

describe("demo provider", () => {
  it("refuses to show, pay or decline another user's purchase, and A's purchase stays as it was", async () => {
    const { user: owner, community, purchaseId } = await demoPurchase();
    const other = await makeUser();
    const before = await purchaseState(purchaseId);
    expect(before.purchase.status).toBe("PENDING");
    expect(before.orders.map((order) => order.status)).toEqual(["PENDING"]);

    await expect(getDemoCheckout({ userId: other.id, purchaseId })).rejects.toMatchObject({
      code: "not_found",
      status: 404,
    });
    for (const outcome of ["succeeded", "failed"] as const) {
      await expect(
        payDemoCheckout({ userId: other.id, purchaseId, outcome }),
      ).rejects.toMatchObject({
        code: "not_found",
        status: 404,
      });
    }

    expect(await purchaseState(purchaseId)).toEqual(before);
    expect(before.memberships).toEqual([]);
    expect(await db.membership.count({ where: { userId: other.id } })).toBe(0);
    expect(await hasCommunityAccess(owner.id, community.id)).toBe(false);
  });

  it("answers another user's purchase and an unknown one alike", async () => {
    const { purchaseId } = await demoPurchase();
    const other = await makeUser();
    const messages = await Promise.all(
      [purchaseId, "purchase_that_does_not_exist"].map((id) =>
        getDemoCheckout({ userId: other.id, purchaseId: id }).catch(
          (error: Error) => error.message,
        ),
      ),
    );
    expect(messages[0]).toBe(messages[1]);
  });

  it("lets the owner pay: the purchase succeeds, the order is paid and the community opens", async () => {
    const { user: owner, community, purchaseId } = await demoPurchase();

    expect(await getDemoCheckout({ userId: owner.id, purchaseId })).toMatchObject({
      amount: 4900,
      status: "PENDING",
    });
    await payDemoCheckout({ userId: owner.id, purchaseId, outcome: "succeeded" });

    const after = await purchaseState(purchaseId);
    expect(after.purchase.status).toBe("SUCCEEDED");
    expect(after.orders).toEqual([
      expect.objectContaining({
        status: "PAID",
        providerCaptureId: expect.stringMatching(/^demo_/),
      }),
    ]);
    expect(after.memberships).toEqual([{ communityId: community.id, userId: owner.id }]);
    expect(await hasCommunityAccess(owner.id, community.id)).toBe(true);
    // Settled: a second press is refused rather than posting another payment.
    await expect(
      payDemoCheckout({ userId: owner.id, purchaseId, outcome: "failed" }),
    ).rejects.toMatchObject({
      code: "conflict",
    });
    expect((await purchaseState(purchaseId)).purchase.status).toBe("SUCCEEDED");
  });

  it("lets the owner decline: the purchase fails and grants nothing", async () => {
    const { user: owner, community, purchaseId } = await demoPurchase();

    await payDemoCheckout({ userId: owner.id, purchaseId, outcome: "failed" });

    const after = await purchaseState(purchaseId);
    expect(after.purchase.status).toBe("FAILED");
    expect(after.orders.map((order) => order.status)).toEqual(["FAILED"]);
    expect(after.memberships).toEqual([]);
    expect(await hasCommunityAccess(owner.id, community.id)).toBe(false);
  });
});
