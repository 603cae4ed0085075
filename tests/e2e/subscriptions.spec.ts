import { expect, test, type Page } from "@playwright/test";
import { openCheckout, payByCard, signUp, uniqueEmail } from "./helpers";

/** From the billing page to the sandbox's billing portal, through "Manage subscription". */
async function openPortal(page: Page) {
  await page.goto("/dashboard/billing");
  await page.getByRole("button", { name: "Manage subscription" }).click();
  await expect(page).toHaveURL(/\/p\/session\/bps_/);
}

/** Moves the sandbox's clock (its own page, linked from the portal) and comes back. */
async function advanceSandboxClock(page: Page, step: "+1 month" | "+1 year") {
  await page.getByRole("link", { name: "Open the sandbox clock" }).click();
  await page.getByRole("button", { name: step }).click();
  await expect(page.getByText(/^Advanced 1 (month|year):/)).toBeVisible();
}

/** The billing page, reloaded until `check` passes: webhooks arrive on their own time. */
async function billingUntil(page: Page, check: () => Promise<void>) {
  await expect(async () => {
    await page.goto("/dashboard/billing");
    await check();
  }).toPass({ timeout: 20_000 });
}

test.describe("Subscriptions, on the local Stripe sandbox", () => {
  test("monthly through Embedded Checkout: pro with access, cancel at period end in the portal, then the clock ends it and every page says the access ended", async ({
    page,
  }) => {
    await signUp(page, uniqueEmail("monthly"));
    await openCheckout(page, "Studio Monthly");
    await payByCard(page.frameLocator('iframe[title="Secure checkout"]'), "4242 4242 4242 4242");
    await expect(page).toHaveURL(/\/checkout\/return\?session_id=cs_/);
    await expect(page.getByTestId("payment-status")).toHaveAttribute("data-status", "paid");

    await billingUntil(page, async () => {
      await expect(page.getByTestId("plan-badge")).toHaveText("Pro plan");
    });
    const card = page.getByTestId("subscription-card");
    await expect(card).toContainText("Studio Monthly");
    await expect(card).toContainText("Active");
    await expect(card).toContainText("$12.00 / month");
    await expect(card).toContainText("Renews on");
    await expect(page.getByTestId("community-access")).toHaveCount(2);
    await expect(page.getByTestId("invoice-row")).toHaveCount(1);

    await openPortal(page);
    await page.getByRole("button", { name: "Cancel at period end" }).click();
    await expect(page.getByRole("button", { name: "Resume subscription" })).toBeVisible();
    await page.getByRole("link", { name: "Return to the app" }).click();
    await billingUntil(page, async () => {
      await expect(page.getByTestId("subscription-card")).toContainText("Ends on");
    });
    await expect(page.getByTestId("plan-badge")).toHaveText("Pro plan");
    await expect(page.getByTestId("community-access")).toHaveCount(2);

    await openPortal(page);
    await advanceSandboxClock(page, "+1 month");
    await billingUntil(page, async () => {
      await expect(page.getByTestId("plan-badge")).toHaveText("Free plan");
    });
    await expect(page.getByTestId("subscription-card")).toContainText("Canceled");
    await expect(page.getByTestId("community-access")).toHaveCount(0);
    // Every page gives the same answer: the access ended, the purchase row says so (not the
    // period end the clock moved past), and checkout opens again.
    await expect(page.getByTestId("no-access")).toContainText("Your access ended on");
    const row = page.getByTestId("purchase-row").filter({ hasText: "Studio Monthly" });
    await expect(row).toContainText("Ended");
    await openCheckout(page, "Studio Monthly");
    const form = page.frameLocator('iframe[title="Secure checkout"]');
    await expect(form.getByLabel("Card number")).toBeVisible();
    await expect(page.getByText("You already have access to this offering.")).toHaveCount(0);
  });

  test("yearly through a Payment Link with 0341: the renewal fails, billing says past due, a new card in the portal pays it and access stays", async ({
    page,
  }) => {
    await signUp(page, uniqueEmail("yearly"));
    await openCheckout(page, "Studio Yearly");
    await page.getByRole("button", { name: "Proceed to Payment" }).click();
    await expect(page).toHaveURL(/\/c\/pay\/cs_/);
    await payByCard(page, "4000 0000 0000 0341");
    await expect(page).toHaveURL(/\/dashboard\/billing\?provider=stripe&session_id=cs_/);
    await expect(page.getByTestId("payment-status")).toHaveAttribute("data-status", "paid");
    await billingUntil(page, async () => {
      await expect(page.getByTestId("subscription-card")).toContainText("$120.00 / year");
    });

    await openPortal(page);
    await advanceSandboxClock(page, "+1 year");
    await billingUntil(page, async () => {
      await expect(page.getByTestId("payment-failed")).toContainText(
        "Your last payment for Studio Yearly failed",
      );
    });
    await expect(page.getByTestId("subscription-card")).toContainText("Past due");
    await expect(page.getByTestId("community-access")).toHaveCount(2);
    // Still paid for, so not "Free plan".
    await expect(page.getByTestId("plan-badge")).toHaveText("Pro · past due");

    await page.getByRole("button", { name: "Manage subscription" }).click();
    await page.getByRole("button", { name: "Update card" }).click();
    await page.getByLabel("Card number").fill("4242 4242 4242 4242");
    await page.getByLabel("Expiry (MM/YY)").fill("12/40");
    await page.getByLabel("CVC").fill("123");
    await page.getByRole("button", { name: "Save card" }).click();
    await expect(page.getByText("Past due")).toHaveCount(0);

    await page.getByRole("link", { name: "Return to the app" }).click();
    await billingUntil(page, async () => {
      await expect(page.getByTestId("subscription-card")).toContainText("Active");
    });
    await expect(page.getByTestId("payment-failed")).toHaveCount(0);
    await expect(page.getByTestId("plan-badge")).toHaveText("Pro plan");
    await expect(page.getByTestId("community-access")).toHaveCount(2);
    await expect(page.getByTestId("invoice-row").filter({ hasText: "paid" })).toHaveCount(2);
  });
});
