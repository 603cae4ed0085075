import { expect, test } from "@playwright/test";
import { demoAdmin, signIn, signUp, uniqueEmail } from "./helpers";

/**
 * The foundation's whole loop: an admin creates a community and an offering sold through an
 * external payment link; a user buys it; the provider's webhook, posted with the secret the
 * admin page shows, grants access; the user's dashboard and the community open.
 */
test("admin-made offering, bought through an external link, granted by the provider's webhook", async ({
  browser,
  baseURL,
}) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demoAdmin.email, demoAdmin.password);

  await admin.goto("/admin/communities");
  const communityName = `Backstage ${Date.now()}`;
  await admin.getByLabel("Name").fill(communityName);
  await admin.getByLabel("Description").fill("Behind the scenes");
  await admin.getByLabel("Gated content").fill("The secret recipe is patience.");
  await admin.getByRole("button", { name: "Create community" }).click();
  await expect(admin.getByTestId("community-row").filter({ hasText: communityName })).toBeVisible();

  await admin.goto("/admin/offerings");
  const offeringName = `Masterclass ${Date.now()}`;
  await admin.getByLabel("Name").fill(offeringName);
  await admin.getByLabel("Description").fill("<b>Bold</b> claims, rendered as text.");
  await admin.getByLabel("Image URL").fill("https://images.example.com/masterclass.png");
  await admin.getByRole("checkbox", { name: communityName }).check();
  await admin.getByLabel("Price (cents)").fill("2500");
  await admin.getByLabel("Currency").fill("eur");
  await admin.getByLabel("Pricing type").selectOption("ONE_TIME");
  await admin.getByLabel("Access duration (days)").fill("90");
  await admin.getByLabel("Channel", { exact: true }).selectOption("EXTERNAL_LINK");
  await admin
    .getByLabel("Payment link", { exact: true })
    .fill(`${baseURL}/demo-provider/pay?purchase_id={purchase_id}&email={user_email}`);
  await admin.getByRole("button", { name: "Create offering" }).click();

  await expect(admin).toHaveURL(/\/admin\/offerings\/[^/?]+\?created=1/);
  const webhookUrl = (await admin.getByTestId("webhook-url").textContent())!.trim();
  const webhookSecret = (await admin.getByTestId("webhook-secret").textContent())!.trim();
  expect(webhookUrl).toMatch(new RegExp(`^${baseURL}/webhooks/offerings/[^/]+$`));
  expect(webhookSecret).toMatch(/^whsec_/);

  // A user finds it in the catalog and goes to pay.
  const buyer = await (await browser.newContext()).newPage();
  await signUp(buyer, uniqueEmail("masterclass-buyer"));
  await buyer.goto("/offerings");
  await buyer.getByRole("link", { name: new RegExp(offeringName) }).click();
  await expect(buyer.getByRole("heading", { name: offeringName, level: 1 })).toBeVisible();
  await expect(buyer.getByText("<b>Bold</b> claims, rendered as text.")).toBeVisible();
  await expect(buyer.getByText("€25.00")).toBeVisible();
  await buyer.getByRole("link", { name: "Get Started" }).click();
  await buyer.getByRole("button", { name: "Proceed to Payment" }).click();
  await expect(buyer).toHaveURL(/\/demo-provider\/pay\?purchase_id=/);
  const purchaseId = new URL(buyer.url()).searchParams.get("purchase_id")!;

  // The provider posts its webhook with the secret the admin copied. A wrong one is refused.
  const wrong = await buyer.request.post(webhookUrl, {
    headers: { "x-offering-secret": "whsec_wrong" },
    data: { status: "succeeded", purchase_id: purchaseId },
  });
  expect(wrong.status()).toBe(401);
  const delivery = {
    status: "succeeded",
    purchase_id: purchaseId,
    payment_id: "ext_pay_1",
    amount: 2500,
    currency: "EUR",
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    const response = await buyer.request.post(webhookUrl, {
      headers: { "x-offering-secret": webhookSecret },
      data: delivery,
    });
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({
      received: true,
      duplicate: attempt > 0,
      purchase_id: purchaseId,
    });
  }

  await buyer.goto("/dashboard/billing");
  await expect(buyer.getByTestId("purchase-row")).toContainText("succeeded");
  await expect(buyer.getByTestId("purchase-row")).toContainText("€25.00");
  const access = buyer.getByTestId("community-access").filter({ hasText: communityName });
  await expect(access).toContainText("Access until");
  await access.getByRole("link", { name: communityName }).click();
  await expect(buyer.getByTestId("community-content")).toHaveText("The secret recipe is patience.");

  // The admin sees the purchase.
  await admin.goto("/admin/purchases");
  await expect(admin.getByRole("row").filter({ hasText: offeringName })).toContainText("succeeded");

  // The lists count it: one purchase of the offering, one offering and one membership of the
  // community (counts kept by triggers as the purchase and the grant were written).
  await admin.goto("/admin/offerings");
  const offeringCells = admin
    .getByTestId("offering-row")
    .filter({ hasText: offeringName })
    .getByRole("cell");
  await expect(offeringCells.nth(3)).toHaveText("1");
  await admin.goto("/admin/communities");
  const communityCells = admin
    .getByTestId("community-row")
    .filter({ hasText: communityName })
    .getByRole("cell");
  await expect(communityCells.nth(1)).toHaveText("1");
  await expect(communityCells.nth(2)).toHaveText("1");
});

test("a tampered webhook shows up for admins in the event log", async ({ browser, page }) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demoAdmin.email, demoAdmin.password);
  await admin.goto("/admin/offerings");
  await admin.getByRole("link", { name: "Starter Course" }).click();
  const webhookUrl = (await admin.getByTestId("webhook-url").textContent())!.trim();
  const webhookSecret = (await admin.getByTestId("webhook-secret").textContent())!.trim();

  await signUp(page, uniqueEmail("tamper"));
  await page.goto("/offerings");
  await page.getByRole("link", { name: /Starter Course/ }).click();
  await expect(page.getByRole("heading", { name: "Starter Course", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Get Started" }).click();
  await page.getByRole("button", { name: "Proceed to Payment" }).click();
  await expect(page).toHaveURL(/purchase_id=/);
  const purchaseId = new URL(page.url()).searchParams.get("purchase_id")!;

  const tampered = await page.request.post(webhookUrl, {
    headers: { "x-offering-secret": webhookSecret },
    data: {
      status: "succeeded",
      purchase_id: purchaseId,
      payment_id: `tamper-${purchaseId}`,
      amount: 1,
    },
  });
  expect(tampered.status()).toBe(422);

  await admin.goto("/admin/events?outcome=FAILED");
  const row = admin.getByTestId("event-row").filter({ hasText: `tamper-${purchaseId}` });
  await expect(row).toContainText("amount mismatch");
  await expect(row).toContainText('"amount":4900');
  await page.goto("/dashboard/billing");
  await expect(page.getByTestId("purchase-row")).toContainText("pending");
});
