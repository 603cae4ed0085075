import { expect, test, type FrameLocator, type Page } from "@playwright/test";
import { demoAdmin, openCheckout, signIn, signUp, uniqueEmail } from "./helpers";

// One offering for the file, made by an admin with a 14-day free trial: each test's buyer is new.
const offeringName = `Trial Studio ${Date.now()}`;

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext();
  const admin = await context.newPage();
  await signIn(admin, demoAdmin.email, demoAdmin.password);
  await admin.goto("/admin/offerings/new");
  await admin.getByLabel("Name").fill(offeringName);
  await admin.getByLabel("Description").fill("Two weeks free, then billed monthly.");
  await admin.getByRole("checkbox", { name: "Founders Circle" }).check();
  await admin.getByLabel("Price (cents)").fill("1500");
  await admin.getByLabel("Pricing type").selectOption("MONTHLY");
  await admin.getByLabel("Channel").selectOption("STRIPE_EMBEDDED");
  await admin.getByLabel("Free trial (days)").fill("14");
  await admin.getByRole("button", { name: "Create offering" }).click();
  await expect(admin).toHaveURL(/\/admin\/offerings\/[^/?]+\?created=1/);
  await expect(admin.getByLabel("Free trial (days)")).toHaveValue("14");
  await context.close();
});

/** The sandbox's checkout form with a trial: card details, then "Start trial" (not "Pay"). */
async function startTrial(form: FrameLocator, cardNumber: string) {
  await expect(form.getByTestId("trial-offer")).toContainText("14 days free");
  await form.getByLabel("Card number").fill(cardNumber);
  await form.getByLabel("Expiry").fill("12/34");
  await form.getByLabel("CVC").fill("123");
  await form.getByRole("button", { name: "Start trial" }).click();
}

/** A new buyer starts the trial from the catalog with `cardNumber`, and lands on the return page. */
async function buyTrial(page: Page, cardNumber: string) {
  await signUp(page, uniqueEmail("trial"));
  await page.goto("/offerings");
  const card = page.getByTestId("offering-card").filter({ hasText: offeringName });
  await expect(card.getByTestId("trial-offer")).toHaveText("14-day free trial");
  await openCheckout(page, offeringName);
  await expect(page.getByTestId("trial-notice")).toContainText(
    "Your 14-day free trial starts today",
  );
  await startTrial(page.frameLocator('iframe[title="Secure checkout"]'), cardNumber);
  await expect(page).toHaveURL(/\/checkout\/return\?session_id=cs_/);
  const status = page.getByTestId("payment-status");
  await expect(status).toHaveAttribute("data-status", "paid");
  await expect(status).toContainText("Your free trial has started");
}

/** The billing page, reloaded until `check` passes: webhooks arrive on their own time. */
async function billingUntil(page: Page, check: () => Promise<void>) {
  await expect(async () => {
    await page.goto("/dashboard/billing");
    await check();
  }).toPass({ timeout: 20_000 });
}

/** Through "Manage subscription" to the sandbox's portal, its clock, one month on, and back. */
async function monthPasses(page: Page) {
  await page.goto("/dashboard/billing");
  await page.getByRole("button", { name: "Manage subscription" }).click();
  await expect(page).toHaveURL(/\/p\/session\/bps_/);
  await expect(page.getByText(/^Trial ends on \d{4}-\d{2}-\d{2}$/)).toBeVisible();
  await page.getByRole("link", { name: "Open the sandbox clock" }).click();
  await page.getByRole("button", { name: "+1 month" }).click();
  await expect(page.getByText(/^Advanced 1 month:/)).toBeVisible();
}

const subscriptionCard = (page: Page) =>
  page.getByTestId("subscription-card").filter({ hasText: offeringName });

test.describe("Free trials, on the local Stripe sandbox", () => {
  test("4242: the trial starts with access, billing says when it ends; the clock passes its end, the first invoice is paid and the subscription is Active", async ({
    page,
  }) => {
    await buyTrial(page, "4242 4242 4242 4242");
    await billingUntil(page, async () => {
      await expect(subscriptionCard(page)).toContainText("Trialing");
    });
    await expect(subscriptionCard(page)).toContainText(/Trial ends on \w{3} \d{1,2}, \d{4}/);
    await expect(subscriptionCard(page)).toContainText("$15.00 / month");
    await expect(page.getByTestId("plan-badge")).toHaveText("Pro plan");
    await expect(page.getByTestId("community-access")).toHaveCount(1);
    await expect(page.getByTestId("invoice-row")).toHaveCount(1);
    await expect(page.getByTestId("invoice-row")).toContainText("$0.00");

    await monthPasses(page);
    await billingUntil(page, async () => {
      await expect(subscriptionCard(page)).toContainText("Active");
    });
    await expect(subscriptionCard(page)).toContainText("Renews on");
    await expect(page.getByTestId("plan-badge")).toHaveText("Pro plan");
    await expect(page.getByTestId("payment-failed")).toHaveCount(0);
    await expect(page.getByTestId("community-access")).toHaveCount(1);
    const paid = page.getByTestId("invoice-row").filter({ hasText: "paid" });
    await expect(paid).toHaveCount(2);
    await expect(paid.filter({ hasText: "$15.00" })).toHaveCount(1);
  });

  test("0341: the trial starts (nothing is charged), the first charge at its end fails and billing shows the past-due banner", async ({
    page,
  }) => {
    await buyTrial(page, "4000 0000 0000 0341");
    await billingUntil(page, async () => {
      await expect(subscriptionCard(page)).toContainText("Trialing");
    });

    await monthPasses(page);
    await billingUntil(page, async () => {
      await expect(page.getByTestId("payment-failed")).toContainText(
        `Your last payment for ${offeringName} failed`,
      );
    });
    await expect(subscriptionCard(page)).toContainText("Past due");
    await expect(page.getByTestId("payment-failed")).toContainText("$15.00");
    await expect(page.getByRole("button", { name: "Update your card" })).toBeVisible();
  });
});
