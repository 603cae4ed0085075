import { expect, test } from "@playwright/test";
import { demoAdmin, openCheckout, payByCard, signIn, signUp, uniqueEmail } from "./helpers";

test.describe("Stripe, on the local sandbox", () => {
  test("embedded checkout with 4242 grants access", async ({ page }) => {
    await signUp(page, uniqueEmail("embedded"));
    await openCheckout(page, "Pay-to-view Masterclass");
    const form = page.frameLocator('iframe[title="Secure checkout"]');
    await payByCard(form, "4242 4242 4242 4242");

    await expect(page).toHaveURL(/\/checkout\/return\?session_id=cs_/);
    await expect(page.getByTestId("payment-status")).toHaveAttribute("data-status", "paid");
    await page.goto("/dashboard/billing");
    await expect(page.getByTestId("purchase-row")).toContainText("succeeded");
    await expect(page.getByTestId("community-access")).toContainText("Weekly Workshops");
  });

  test("embedded checkout with 9995 shows the decline and grants nothing", async ({ page }) => {
    await signUp(page, uniqueEmail("declined-card"));
    await openCheckout(page, "Pay-to-view Masterclass");
    const form = page.frameLocator('iframe[title="Secure checkout"]');
    await payByCard(form, "4000 0000 0000 9995");

    await expect(form.getByText("Your card has insufficient funds.")).toBeVisible();
    await expect(page).toHaveURL(/\/offerings\/[^/]+\/checkout$/);
    await page.goto("/dashboard/billing");
    await expect(page.getByTestId("purchase-row")).toContainText("pending");
    await expect(page.getByTestId("community-access")).toHaveCount(0);
  });

  test("a Payment Link purchase comes back through the billing page, and an admin refund takes access away", async ({
    page,
    browser,
  }) => {
    const email = uniqueEmail("payment-link");
    await signUp(page, email);
    await openCheckout(page, "Field Guide");
    await page.getByRole("button", { name: "Proceed to Payment" }).click();
    await expect(page).toHaveURL(/\/c\/pay\/cs_/);
    await payByCard(page, "4242424242424242");

    await expect(page).toHaveURL(/\/dashboard\/billing\?provider=stripe&session_id=cs_/);
    await expect(page.getByTestId("payment-status")).toHaveAttribute("data-status", "paid");
    await expect(page.getByTestId("community-access")).toContainText("Founders Circle");

    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, demoAdmin.email, demoAdmin.password);
    await admin.goto("/admin/purchases");
    const row = admin.getByTestId("purchase-row").filter({ hasText: email });
    await expect(row).toContainText("succeeded");
    await row.getByRole("button", { name: "Refund" }).click();
    await row.getByRole("button", { name: "Confirm refund" }).click();
    await expect(row).toContainText("refunded");

    await page.goto("/dashboard/billing");
    await expect(page.getByTestId("purchase-row")).toContainText("refunded");
    await expect(page.getByTestId("community-access")).toHaveCount(0);
  });
});
