/**
 * Running the shop from the admin panel: the dashboard charts the revenue a purchase brings,
 * the CSV exports download (for admins only), destructive actions ask first, every action
 * answers with a toast and lands on the audit log, and the pages fit a 390 px phone.
 */
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { demoAdmin, openCheckout, signIn, signUp, uniqueEmail } from "./helpers";

const headers = {
  orders:
    "order_id,created_at,paid_at,status,provider,buyer_email,offering,purchase_id,amount_minor,currency,provider_order_id,provider_payment_id,provider_invoice_id",
  purchases:
    "purchase_id,created_at,status,buyer_email,offering_id,offering,access_granted_at,expires_at,refunded_at",
  commissions:
    "entry_id,created_at,status,kind,level,referrer_email,buyer_email,offering,order_id,rate_bps,amount_minor,currency,payout_reference,reversed_at",
};

/** The USD gross the dashboard shows for its range, in cents (0 without a USD row). */
async function usdGross(page: Page): Promise<number> {
  const cell = page
    .getByTestId("revenue-totals")
    .locator('tr[data-currency="usd"] [data-field="gross"]');
  return (await cell.count()) === 0 ? 0 : Number(await cell.getAttribute("data-amount"));
}

test("the dashboard chart renders with the seeded data: a paid purchase adds to the revenue", async ({
  browser,
}) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demoAdmin.email, demoAdmin.password);
  await admin.goto("/admin");
  await expect(admin.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  await expect(admin.getByRole("link", { name: "Dashboard" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  const before = await usdGross(admin);

  // A buyer pays $49.00 for Starter Course through the demo provider.
  const buyer = await (await browser.newContext()).newPage();
  await signUp(buyer, uniqueEmail("dashboard-buyer"));
  await openCheckout(buyer, "Starter Course");
  await buyer.getByRole("button", { name: "Proceed to Payment" }).click();
  await expect(buyer).toHaveURL(/\/demo-provider\/pay\?purchase_id=/);
  await buyer.getByRole("button", { name: "Pay now" }).click();
  await expect(buyer).toHaveURL(/\/dashboard\/billing/);
  await expect(buyer.getByTestId("purchase-row")).toContainText("succeeded");

  await admin.reload();
  expect(await usdGross(admin)).toBeGreaterThanOrEqual(before + 4900);
  const usd = admin.getByTestId("revenue-totals").locator('tr[data-currency="usd"]');
  await expect(usd.locator('[data-field="net"]')).toContainText("$");
  const chart = admin.getByTestId("revenue-chart").locator('figure[data-currency="usd"]');
  await expect(chart.locator("svg.recharts-surface").first()).toBeVisible();
  await expect(chart.locator("path.recharts-rectangle").first()).toBeVisible(); // today's bar
  await expect(chart.locator(".recharts-line-curve")).toHaveCount(2); // net and orders

  await expect(admin.getByRole("link", { name: "Reconcile with Stripe" })).toHaveAttribute(
    "href",
    "/admin/reconcile",
  );
  await expect(admin.getByRole("link", { name: "View failed events" })).toHaveAttribute(
    "href",
    "/admin/events?outcome=FAILED",
  );
  // The offerings list moved to its own page, one click away.
  await admin
    .getByRole("navigation", { name: "Admin" })
    .getByRole("link", { name: "Offerings" })
    .click();
  await expect(admin).toHaveURL(/\/admin\/offerings$/);
  await expect(admin.getByTestId("offering-row").first()).toBeVisible();
});

test("the exports download CSV with a header; a non-admin gets 403 and a signed-out caller 401", async ({
  page,
  browser,
  request,
}) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demoAdmin.email, demoAdmin.password);
  await admin.goto("/admin/purchases");
  const [download] = await Promise.all([
    admin.waitForEvent("download"),
    admin.getByRole("link", { name: "Export orders (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^orders-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(readFileSync(await download.path(), "utf8").split("\r\n")[0]).toBe(headers.orders);

  for (const [kind, header] of Object.entries(headers)) {
    const response = await admin.request.get(`/api/admin/exports/${kind}`);
    expect(response.status(), kind).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^text\/csv/);
    expect(response.headers()["content-disposition"]).toMatch(
      new RegExp(
        `^attachment; filename="(commission-entries|${kind})-\\d{4}-\\d{2}-\\d{2}\\.csv"$`,
      ),
    );
    expect((await response.text()).startsWith(`${header}\r\n`), kind).toBe(true);
  }

  await signUp(page, uniqueEmail("not-admin-exports"));
  for (const kind of Object.keys(headers)) {
    const response = await page.request.get(`/api/admin/exports/${kind}`);
    expect(response.status(), kind).toBe(403);
    expect(await response.json()).toEqual({
      error: "forbidden",
      message: "Admins only.",
      details: {},
    });
  }
  const signedOut = await request.get("/api/admin/exports/orders");
  expect(signedOut.status()).toBe(401);
  expect(await signedOut.json()).toMatchObject({ error: "unauthorized" });
});

test("rotating a secret and archiving ask first, answer with a toast and go on the audit log", async ({
  page,
  baseURL,
}) => {
  await signIn(page, demoAdmin.email, demoAdmin.password);
  const name = `Audited ${Date.now()}`;
  const created = await page.request.post("/api/admin/offerings", {
    headers: { "content-type": "application/json", origin: baseURL! },
    data: {
      name,
      priceAmount: 100,
      currency: "usd",
      pricingType: "ONE_TIME",
      channel: "EXTERNAL_LINK",
      paymentLink: "https://pay.example/x",
    },
  });
  expect(created.status()).toBe(201);
  const offeringId = ((await created.json()) as { offering: { id: string } }).offering.id;
  await page.goto(`/admin/offerings/${offeringId}`);
  const toasts = page.getByRole("region", { name: /Notifications/ });

  // The first press only asks; Cancel puts the button back, focused.
  await page.getByRole("button", { name: "Rotate secret" }).click();
  await expect(page.getByRole("group", { name: "Confirm rotation" })).toContainText(
    "Issue a new secret?",
  );
  await page
    .getByRole("group", { name: "Confirm rotation" })
    .getByRole("button", { name: "Cancel" })
    .click();
  await expect(page.getByRole("button", { name: "Rotate secret" })).toBeFocused();
  await page.getByRole("button", { name: "Rotate secret" }).click();
  await page.getByRole("button", { name: "Confirm rotation" }).click();
  await expect(toasts.getByText(/^New secret issued\./)).toBeVisible();
  await expect(page.getByRole("button", { name: "Rotate secret" })).toBeVisible();

  await page.getByRole("button", { name: "Archive", exact: true }).click();
  await page.getByRole("button", { name: "Confirm archive" }).click();
  await expect(toasts.getByText("Offering archived.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Unarchive" })).toBeVisible();

  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  const entry = (action: string) =>
    page.locator(`[data-testid="audit-row"][data-action="${action}"]`).filter({
      hasText: offeringId,
    });
  await expect(entry("offering.rotate_secret")).toContainText(demoAdmin.email);
  await expect(entry("offering.archive")).toContainText("Archived the offering");

  await page.getByLabel("Action").selectOption("offering.archive");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/\/admin\/audit\?action=offering\.archive$/);
  await expect(entry("offering.archive")).toBeVisible();
  await expect(
    page.locator('[data-testid="audit-row"]:not([data-action="offering.archive"])'),
  ).toHaveCount(0);
});

test("admin pages fit a 390 px screen: wide tables scroll inside their box, never the page", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, demoAdmin.email, demoAdmin.password);
  for (const path of [
    "/admin",
    "/admin/offerings",
    "/admin/purchases",
    "/admin/audit",
    "/admin/commissions",
    "/admin/communities",
    "/admin/events",
    "/admin/subscriptions",
    "/admin/emails",
  ]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: path })
      .toBeLessThanOrEqual(390);
  }
});
