/**
 * Outgoing webhooks end to end: an admin adds an endpoint pointing at a receiver this test runs
 * on 127.0.0.1 (the e2e server sets OUTGOING_WEBHOOKS_ALLOW_PRIVATE=on), a buyer pays, the
 * outbox worker delivers `purchase.completed` signed with the secret the admin was shown once,
 * the endpoint's log shows it, and Replay sends it again with the same webhook-id.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { queryE2eDatabase } from "./database";
import { demoAdmin, openCheckout, signIn, signUp, uniqueEmail } from "./helpers";

type Received = { id: string; type: string; body: string; verified: boolean };

/** Records every POST, verified with `secret()` as it stands when the request arrives. */
async function startReceiver(secret: () => string | null) {
  const received: Received[] = [];
  const server = createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += chunk;
    const headers = request.headers as IncomingHttpHeaders & Record<string, string>;
    const key = secret();
    let verified = false;
    try {
      if (key) {
        new Webhook(key).verify(body, headers);
        verified = true;
      }
    } catch {
      // not signed with the endpoint's secret: recorded as unverified
    }
    const type = (JSON.parse(body) as { type?: string }).type ?? "";
    received.push({ id: String(headers["webhook-id"]), type, body, verified });
    response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test("an admin's endpoint receives a buyer's purchase, signed, and Replay sends it again", async ({
  browser,
  page,
}) => {
  test.setTimeout(180_000);
  let secret: string | null = null;
  const receiver = await startReceiver(() => secret);
  try {
    // The admin adds the endpoint and copies the secret shown once.
    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, demoAdmin.email, demoAdmin.password);
    await admin.goto("/admin/webhooks");
    await admin.getByLabel("Endpoint URL").fill(receiver.url);
    await admin.getByLabel("Description").fill("E2E receiver");
    await admin.getByRole("checkbox", { name: "purchase.completed" }).check();
    await admin.getByRole("button", { name: "Add endpoint" }).click();
    secret = (await admin.getByTestId("endpoint-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await expect(admin.getByTestId("endpoint-row").filter({ hasText: receiver.url })).toBeVisible();

    // A buyer pays.
    const email = uniqueEmail("outgoing");
    await signUp(page, email);
    await openCheckout(page, "Starter Course");
    await page.getByRole("button", { name: "Proceed to Payment" }).click();
    await page.getByRole("button", { name: "Pay now" }).click();
    await expect(page).toHaveURL(/\/dashboard\/billing/);

    // The worker delivers purchase.completed, signed with the endpoint's secret.
    const buyersMessages = () =>
      receiver.received.filter(
        (each) => each.type === "purchase.completed" && each.body.includes(email),
      );
    await expect.poll(() => buyersMessages().length, { timeout: 60_000 }).toBe(1);
    const [delivered] = buyersMessages();
    expect(delivered!.verified).toBe(true);
    expect(receiver.received.every((each) => each.type === "purchase.completed")).toBe(true);

    // The endpoint's log shows it.
    await admin.getByRole("link", { name: "Open the endpoint" }).click();
    await expect(admin).toHaveURL(/\/admin\/webhooks\/[^/]+$/);
    const row = admin.getByTestId("endpoint-delivery-row").filter({ hasText: delivered!.id });
    await expect(row).toContainText("purchase.completed");
    await expect(row).toContainText("delivered");
    await expect(row.getByTestId("attempt")).toHaveCount(1);
    await expect(row.getByTestId("attempt").first()).toContainText("204");

    // Replay: the same webhook-id and body again.
    await row.getByRole("button", { name: "Replay" }).click();
    await expect(row.getByText(`${delivered!.id} queued to be sent again.`)).toBeVisible();
    await expect
      .poll(() => receiver.received.filter((each) => each.id === delivered!.id).length, {
        timeout: 60_000,
      })
      .toBe(2);
    const copies = receiver.received.filter((each) => each.id === delivered!.id);
    expect(copies.map((copy) => copy.body)).toEqual([delivered!.body, delivered!.body]);
    expect(copies.every((copy) => copy.verified)).toBe(true);
    await expect(async () => {
      await admin.reload();
      await expect(
        admin
          .getByTestId("endpoint-delivery-row")
          .filter({ hasText: delivered!.id })
          .getByTestId("attempt"),
      ).toHaveCount(2);
    }).toPass({ timeout: 30_000 });
  } finally {
    // Later tests' events are not sent to a receiver that is gone.
    await queryE2eDatabase(`UPDATE "WebhookEndpoint" SET enabled = false WHERE url = $1`, [
      receiver.url,
    ]);
    await receiver.close();
  }
});
