import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { queryE2eDatabase } from "./database";
import { demoAdmin, signIn, signUp, uniqueEmail } from "./helpers";

/** A page on another origin of the same site (another port), as an attacker would host it. */
async function hostAttackPage(html: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html" });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}/`, server };
}

const offeringsNamed = async (name: string) =>
  Number(
    (
      await queryE2eDatabase<{ count: string }>(`SELECT count(*) FROM "Offering" WHERE name = $1`, [
        name,
      ])
    )[0].count,
  );

test("a cross-origin form post to admin routes changes nothing", async ({ browser, baseURL }) => {
  // A buyer pays for the demo course, so there is a paid purchase to try to refund.
  const buyer = await browser.newPage();
  await signUp(buyer, uniqueEmail("csrf-buyer"));
  await buyer.goto("/offerings");
  await buyer
    .getByRole("link", { name: /Starter Course/ })
    .first()
    .click();
  await expect(buyer.getByRole("heading", { name: "Starter Course", level: 1 })).toBeVisible();
  await buyer.getByRole("link", { name: "Get Started" }).click();
  await buyer.getByRole("button", { name: "Proceed to Payment" }).click();
  await buyer.getByRole("button", { name: "Pay now" }).click();
  await expect(buyer.getByTestId("purchase-row")).toContainText("succeeded");
  const [paid] = await queryE2eDatabase<{ id: string }>(
    `SELECT p.id FROM "Purchase" p JOIN "User" u ON u.id = p."userId" WHERE u.email = $1 AND p.status = 'SUCCEEDED'`,
    [await buyer.getByTestId("signed-in-as").innerText()],
  );

  const admin = await browser.newPage();
  await signIn(admin, demoAdmin.email, demoAdmin.password);
  const name = `Forged ${Date.now()}`;
  const attack = await hostAttackPage(`<!doctype html><body>
    <iframe name="sink1"></iframe><iframe name="sink2"></iframe>
    <form id="create" method="post" enctype="text/plain" target="sink1" action="${baseURL}/api/admin/offerings">
      <input name='{"name":"${name}","priceAmount":100,"currency":"usd","pricingType":"ONE_TIME","channel":"EXTERNAL_LINK","paymentLink":"https://evil.example/pay","x":"' value='"}'>
    </form>
    <form id="refund" method="post" target="sink2" action="${baseURL}/api/admin/purchases/${paid.id}/refund"></form>
    <script>document.getElementById("create").submit(); document.getElementById("refund").submit();</script>
  </body>`);
  try {
    const answers = [
      admin.waitForResponse((response) => response.url().endsWith("/api/admin/offerings")),
      admin.waitForResponse((response) => response.url().endsWith("/refund")),
    ];
    await admin.goto(attack.url);
    // The browser sent both with the admin's cookie (same site); the server refused both.
    for (const answer of await Promise.all(answers)) expect(answer.status()).toBe(403);
  } finally {
    attack.server.close();
  }
  expect(await offeringsNamed(name)).toBe(0);
  const [purchase] = await queryE2eDatabase<{ status: string }>(
    `SELECT status FROM "Purchase" WHERE id = $1`,
    [paid.id],
  );
  expect(purchase.status).toBe("SUCCEEDED");
  await buyer.reload();
  await expect(buyer.getByTestId("purchase-row")).toContainText("succeeded");

  // A text/plain post naming another origin, sent with the admin's cookie, is refused too;
  // the same request as same-origin JSON is what the API accepts.
  const body = JSON.stringify({
    name,
    priceAmount: 100,
    currency: "usd",
    pricingType: "ONE_TIME",
    channel: "EXTERNAL_LINK",
    paymentLink: "https://pay.example/x",
  });
  const forged = await admin.request.post("/api/admin/offerings", {
    headers: { "content-type": "text/plain", origin: "https://evil.example" },
    data: body,
  });
  expect(forged.status()).toBe(403);
  expect(await forged.json()).toMatchObject({
    error: "forbidden",
    message: expect.stringContaining("application/json"),
  });
  expect(await offeringsNamed(name)).toBe(0);
  const genuine = await admin.request.post("/api/admin/offerings", {
    headers: { "content-type": "application/json", origin: baseURL! },
    data: body,
  });
  expect(genuine.status()).toBe(201);
  expect(await offeringsNamed(name)).toBe(1);
});

test("pages send security headers, and no other site can frame them", async ({ page, request }) => {
  const response = await request.get("/offerings");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  // The e2e server's sandbox port (scripts/run.ts: STRIPE_SANDBOX_PORT, 12111 by default).
  const sandboxOrigin = `http://localhost:${process.env.STRIPE_SANDBOX_PORT ?? 12111}`;
  expect(headers["content-security-policy"]).toMatch(new RegExp(`frame-src [^;]*${sandboxOrigin}`));
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["strict-transport-security"]).toBeUndefined();
  const overHttps = await request.get("/offerings", { headers: { "x-forwarded-proto": "https" } });
  expect(overHttps.headers()["strict-transport-security"]).toContain("max-age=");

  await signIn(page, demoAdmin.email, demoAdmin.password);
  const framer = await hostAttackPage(
    `<!doctype html><iframe id="target" src="${new URL("/admin/offerings", page.url()).href}"></iframe>`,
  );
  try {
    await page.goto(framer.url, { waitUntil: "load" });
    // Chromium replaces a frame it refused to show with its own error page.
    const framed = page.frames().find((frame) => frame !== page.mainFrame());
    expect(framed?.url()).toMatch(/^chrome-error:/);
  } finally {
    framer.server.close();
  }
});
