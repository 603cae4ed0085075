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
  await admin.getByLabel("Channel", { exact: true }).selectOption("STRIPE_EMBEDDED");
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

/** One press on the sandbox clock's page, once the page shows the time it moved to. */
async function clockStep(page: Page, step: "+1 day" | "+1 week") {
  const time = page.locator("#sandbox-time");
  const before = await time.textContent();
  await page.getByRole("button", { name: step }).click();
  await expect(time).not.toHaveText(before ?? "");
  await expect(page.getByText(new RegExp(`^Advanced 1 ${step.slice(3)}:`))).toBeVisible();
}

/**
 * Through "Manage subscription" to the sandbox's portal, then its clock, 15 days on: past the
 * 14-day trial's end, before the first retry of a failed charge (3 days later).
 */
async function trialRunsOut(page: Page) {
  await page.goto("/dashboard/billing");
  await page.getByRole("button", { name: "Manage subscription" }).click();
  await expect(page).toHaveURL(/\/p\/session\/bps_/);
  await expect(page.getByText(/^Trial ends on \d{4}-\d{2}-\d{2}$/)).toBeVisible();
  await page.getByRole("link", { name: "Open the sandbox clock" }).click();
  await clockStep(page, "+1 week");
  await clockStep(page, "+1 week");
  await clockStep(page, "+1 day");
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

    await trialRunsOut(page);
    // The subscription's update and the paid invoice are two events: wait for both.
    const paid = page.getByTestId("invoice-row").filter({ hasText: "paid" });
    await billingUntil(page, async () => {
      await expect(subscriptionCard(page)).toContainText("Active", { timeout: 1_000 });
      await expect(paid).toHaveCount(2, { timeout: 1_000 });
    });
    await expect(subscriptionCard(page)).toContainText("Renews on");
    await expect(page.getByTestId("plan-badge")).toHaveText("Pro plan");
    await expect(page.getByTestId("payment-failed")).toHaveCount(0);
    await expect(page.getByTestId("community-access")).toHaveCount(1);
    await expect(paid.filter({ hasText: "$15.00" })).toHaveCount(1);
  });

  test("0341: the trial starts (nothing is charged), the first charge at its end fails and billing shows the past-due banner", async ({
    page,
  }) => {
    await buyTrial(page, "4000 0000 0000 0341");
    await billingUntil(page, async () => {
      await expect(subscriptionCard(page)).toContainText("Trialing");
    });

    await trialRunsOut(page);
    // The failed invoice (its amount) and the move to past_due (the banner) are two events.
    const banner = page.getByTestId("payment-failed");
    await billingUntil(page, async () => {
      await expect(banner).toContainText(`Your last payment for ${offeringName} failed`, {
        timeout: 1_000,
      });
      await expect(banner).toContainText("The payment of $15.00", { timeout: 1_000 });
    });
    await expect(subscriptionCard(page)).toContainText("Past due");
    await expect(page.getByRole("button", { name: "Update your card" })).toBeVisible();
  });
});
