/**
 * What a new user meets first (issue 8, "Smaller things a new user hit"): the catalog card, the
 * price line, forms that keep what was typed, a refund that asks first, admin pages on a phone,
 * a broken image, and the favicon and social image.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { demoAdmin, signIn, signUp, uniqueEmail } from "./helpers";

/** A catalog card, found by the one link that names its offering. */
function catalogCard(page: Page, offeringName: string) {
  return page
    .getByTestId("offering-card")
    .filter({ has: page.getByRole("link", { name: offeringName, exact: true }) });
}

/** A new buyer pays for the demo course through the demo provider; returns their email. */
async function buyStarterCourse(browser: Browser): Promise<string> {
  const buyer = await (await browser.newContext()).newPage();
  const email = uniqueEmail("first-visit-buyer");
  await signUp(buyer, email);
  await buyer.goto("/offerings");
  await catalogCard(buyer, "Starter Course").getByRole("link", { name: "Get Started" }).click();
  await buyer.getByRole("button", { name: "Proceed to Payment" }).click();
  await buyer.getByRole("button", { name: "Pay now" }).click();
  await expect(buyer.getByTestId("purchase-row")).toContainText("succeeded");
  await buyer.context().close();
  return email;
}

test("each catalog card has Get Started, and one link named after the offering", async ({
  page,
}) => {
  await page.goto("/offerings");
  const card = catalogCard(page, "Starter Course");
  await expect(card).toHaveCount(1);
  // The name links to the offering page; Get Started is its sibling, not a link in a link.
  await expect(page.getByRole("link", { name: /Starter Course/ })).toHaveCount(1);
  await expect(page.locator("a a")).toHaveCount(0);
  await expect(card.getByRole("link", { name: "Get Started" })).toHaveAttribute(
    "href",
    /^\/offerings\/[^/]+\/checkout$/,
  );
  await card.getByRole("link", { name: "Get Started" }).click();
  // Signed out: sign in first, then back to the same purchase step.
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fofferings%2F[^%]+%2Fcheckout/);
});

test("prices say their period once, and the access line stands alone", async ({ page }) => {
  await page.goto("/offerings");
  const yearly = catalogCard(page, "Yearly Membership");
  await expect(yearly.getByTestId("price")).toHaveText("$190.00 / year");
  // "Yearly" only in the name: the period is not said a second time.
  expect((await yearly.textContent())!.match(/yearly/gi)).toHaveLength(1);
  await expect(yearly.getByTestId("access-duration")).toHaveText("365 days of access");
  await expect(yearly).not.toContainText("·");
  await expect(catalogCard(page, "Monthly Membership").getByTestId("price")).toHaveText(
    "$19.00 / month",
  );
  const oneTime = catalogCard(page, "Starter Course");
  await expect(oneTime.getByTestId("price")).toHaveText("$49.00 one-time");
  await expect(oneTime).not.toContainText("ONE-TIME");
});

test("sign-in keeps the email after a refusal, and never shows the password again", async ({
  page,
}) => {
  await page.goto("/signin");
  const email = page.getByLabel("Email", { exact: true });
  const password = page.getByLabel("Password");
  await email.fill("user@example.com");
  await password.fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  await expect(email).toHaveValue("user@example.com");
  await expect(password).toHaveValue("");

  // Refused before any password check (too short): the email still stays.
  await password.fill("short");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Use at least 8 characters")).toBeVisible();
  await expect(email).toHaveValue("user@example.com");
  await expect(password).toHaveValue("");
  expect(await page.content()).not.toContain("not-the-password");
});

test("sign-up keeps the name and email the server refused, not the password", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Ada Lovelace");
  // The browser lets this address through; the server does not.
  await page.getByLabel("Email", { exact: true }).fill("ada@localhost");
  await page.getByLabel("Password").fill("correct-horse-battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Ada Lovelace");
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("ada@localhost");
  await expect(page.getByLabel("Password")).toHaveValue("");
  expect(await page.content()).not.toContain("correct-horse-battery");
});

test("a refund happens only once the admin confirms it", async ({ browser, page }) => {
  const buyerEmail = await buyStarterCourse(browser);
  await signIn(page, demoAdmin.email, demoAdmin.password);
  await page.goto("/admin/purchases");
  const row = page.getByTestId("purchase-row").filter({ hasText: buyerEmail });
  await expect(row).toContainText("succeeded");

  await row.getByRole("button", { name: "Refund", exact: true }).click();
  await expect(row.getByRole("button", { name: "Confirm refund" })).toBeVisible();
  await expect(row).toContainText("Refund $49.00 and revoke the access?");
  await row.getByRole("button", { name: "Cancel" }).click();
  await expect(row.getByRole("button", { name: "Confirm refund" })).toHaveCount(0);
  await page.reload();
  await expect(row).toContainText("succeeded");

  await row.getByRole("button", { name: "Refund", exact: true }).click();
  await row.getByRole("button", { name: "Confirm refund" }).click();
  await expect(row).toContainText("refunded");
});

test.describe("on a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("admin pages scroll their tables, not the page, and Sign out stays on screen", async ({
    browser,
    page,
  }) => {
    await buyStarterCourse(browser); // a purchase row and an event row to lay out
    await signIn(page, demoAdmin.email, demoAdmin.password);
    for (const [path, rowTestId] of [
      ["/admin/purchases", "purchase-row"],
      ["/admin/events", "event-row"],
    ]) {
      await page.goto(path);
      await expect(page.getByTestId(rowTestId).first()).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        390,
      );
      await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport({ ratio: 1 });
    }
  });
});

test("admin events show ids on one line and the whole payload on request", async ({
  browser,
  page,
}) => {
  await buyStarterCourse(browser);
  await signIn(page, demoAdmin.email, demoAdmin.password);
  await page.goto("/admin/events");
  const row = page.getByTestId("event-row").first();
  const id = row.getByTestId("provider-event-id");
  await expect(id).toHaveAttribute("title", /.+/);
  const lineHeight = await id.evaluate((element) =>
    parseFloat(getComputedStyle(element).lineHeight),
  );
  expect((await id.boundingBox())!.height).toBeLessThanOrEqual(lineHeight + 1);
  await expect(row.getByRole("button", { name: "Copy id" })).toBeVisible();

  const payload = row.locator("details").filter({ hasText: "Payload" });
  await payload.locator("summary").click();
  const json = payload.locator("pre");
  await expect(json).toBeVisible();
  // All of it: the text is the whole JSON document, in a box that scrolls rather than cuts.
  expect(JSON.parse((await json.textContent())!)).toEqual(expect.any(Object));
  await expect(json).toHaveCSS("overflow-y", "auto");
});

test("an image URL that answers 404 shows the placeholder, not a broken image", async ({
  page,
  baseURL,
}) => {
  await signIn(page, demoAdmin.email, demoAdmin.password);
  const name = `Broken picture ${Date.now()}`;
  const created = await page.request.post("/api/admin/offerings", {
    headers: { "content-type": "application/json", origin: baseURL! },
    data: {
      name,
      imageUrl: `${baseURL}/no-such-image-${Date.now()}.png`,
      priceAmount: 500,
      currency: "usd",
      pricingType: "ONE_TIME",
      channel: "EXTERNAL_LINK",
      paymentLink: "https://pay.example/x",
    },
  });
  expect(created.status()).toBe(201);

  await page.goto("/offerings");
  const card = catalogCard(page, name);
  await card.scrollIntoViewIfNeeded(); // the catalog's images load lazily
  await expect(card.getByTestId("offering-image-placeholder")).toBeVisible();
  await expect(card.locator("img")).toHaveCount(0);

  await card.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByTestId("offering-image-placeholder")).toBeVisible();
  await expect(page.locator("main img")).toHaveCount(0);
});

test("the favicon and the social image are served, and pages name them", async ({
  page,
  request,
}) => {
  for (const [path, type] of [
    ["/favicon.ico", /^image\/(x-icon|vnd\.microsoft\.icon)/],
    ["/og-image.png", /^image\/png/],
  ] as const) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toMatch(type);
  }
  await page.goto("/offerings");
  await expect(page.locator('link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute(
    "content",
    /^https?:\/\/[^/]+\/og-image\.png$/,
  );
});
