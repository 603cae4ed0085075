import { expect, test, type Page } from "@playwright/test";
import { demoAdmin, openCheckout, payByCard, signIn, signUp, uniqueEmail } from "./helpers";

/** The billing page, reloaded until `check` passes: webhooks arrive on their own time. */
async function billingUntil(page: Page, check: () => Promise<void>) {
  await expect(async () => {
    await page.goto("/dashboard/billing");
    await check();
  }).toPass({ timeout: 20_000 });
}

test.describe("Refunding one invoice, on the local Stripe sandbox", () => {
  test("an admin refunds one renewal invoice: the subscription stays Active, and that order shows Refunded", async ({
    browser,
    page,
  }) => {
    const email = uniqueEmail("invoice-refund");
    await signUp(page, email);
    await openCheckout(page, "Studio Monthly");
    await payByCard(page.frameLocator('iframe[title="Secure checkout"]'), "4242 4242 4242 4242");
    await expect(page.getByTestId("payment-status")).toHaveAttribute("data-status", "paid");
    await billingUntil(page, async () => {
      await expect(page.getByTestId("plan-badge")).toHaveText("Pro plan");
    });

    // The renewal: the sandbox's clock, reached from the billing portal, moves a month on.
    await page.getByRole("button", { name: "Manage subscription" }).click();
    await expect(page).toHaveURL(/\/p\/session\/bps_/);
    await page.getByRole("link", { name: "Open the sandbox clock" }).click();
    await page.getByRole("button", { name: "+1 month" }).click();
    await expect(page.getByText(/^Advanced 1 month:/)).toBeVisible();
    await billingUntil(page, async () => {
      await expect(page.getByTestId("invoice-row")).toHaveCount(2);
    });

    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, demoAdmin.email, demoAdmin.password);
    await admin.goto(`/admin/subscriptions?email=${encodeURIComponent(email)}`);
    await admin.getByRole("link", { name: email }).click();
    const rows = admin.getByTestId("subscription-order-row");
    await expect(rows).toHaveCount(2);
    const renewal = rows.first();
    await renewal.getByText("Refund", { exact: true }).click();
    await renewal.getByRole("button", { name: "Refund invoice" }).click();
    await expect(admin.getByText("Invoice refunded in full.").first()).toBeVisible();
    await expect(admin.getByTestId("subscription-order-row").first()).toContainText("refunded");
    await expect(admin.getByTestId("subscription-order-row").last()).toContainText("paid");
    await expect(admin.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(admin.getByText("Active").first()).toBeVisible();

    await billingUntil(page, async () => {
      await expect(page.getByTestId("invoice-row").first()).toContainText("refunded");
    });
    await expect(page.getByTestId("invoice-row").last()).toContainText("paid");
    await expect(page.getByTestId("subscription-card")).toContainText("Active");
    await expect(page.getByTestId("plan-badge")).toHaveText("Pro plan");
    await expect(page.getByTestId("community-access")).toHaveCount(2);
  });
});
