/**
 * Promotion codes end to end: an admin makes a 20 % code for the masterclass in Admin →
 * Discounts; a referred buyer types it on the embedded checkout, pays the discounted total, and
 * sees the discount on their order; the referrer's commission is on what was paid.
 */
import { expect, test, type Page } from "@playwright/test";
import { demoAdmin, openCheckout, payByCard, signIn, signUp, uniqueEmail } from "./helpers";

async function commissionRate(admin: Page, rate: string) {
  await admin.goto("/admin/settings/commissions");
  await admin.getByLabel("Default rate (basis points)", { exact: true }).fill(rate);
  await admin.getByLabel("Level 2 rate (basis points)", { exact: true }).fill("0");
  await admin.getByLabel("Level 3 rate (basis points)", { exact: true }).fill("0");
  await admin.getByLabel("Refund window (days)", { exact: true }).fill("14");
  await admin.getByLabel("Hold days", { exact: true }).fill("14");
  await admin.getByRole("button", { name: "Save rules" }).click();
  await expect(
    admin.getByText(/^(Commission rules saved\.|Nothing changed\.)$/).first(),
  ).toBeVisible();
}

test("a 20 % code at checkout: the order shows the discount, and the referrer earns on the discounted amount", async ({
  browser,
}) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demoAdmin.email, demoAdmin.password);
  await commissionRate(admin, "1000");

  const code = `MASTER${Date.now().toString(36).toUpperCase()}`;
  await admin.goto("/admin/discounts");
  await admin.getByLabel("Code", { exact: true }).fill(code);
  await admin.getByLabel("Percent off", { exact: true }).fill("20");
  await admin.getByRole("checkbox", { name: "Pay-to-view Masterclass" }).check();
  await admin.getByRole("button", { name: "Create promotion code" }).click();
  await expect(admin.getByText(`Promotion code ${code} created.`).first()).toBeVisible();
  const row = admin.getByTestId("discount-row").filter({ hasText: code });
  await expect(row).toContainText("20% off");
  await expect(row).toContainText("Pay-to-view Masterclass");

  const referrer = await (await browser.newContext()).newPage();
  await signUp(referrer, uniqueEmail("code-referrer"));
  await referrer.goto("/dashboard/referrals");
  const shareLink = (await referrer.getByTestId("share-link").textContent())!.trim();

  const buyer = await (await browser.newContext()).newPage();
  await buyer.goto(shareLink);
  await signUp(buyer, uniqueEmail("code-buyer"));
  await openCheckout(buyer, "Pay-to-view Masterclass");
  const form = buyer.frameLocator('iframe[title="Secure checkout"]');
  await form.getByLabel("Promotion code").fill(code.toLowerCase());
  await form.getByRole("button", { name: "Apply" }).click();
  await expect(form.getByTestId("checkout-discount")).toContainText(`Discount (${code})`);
  await expect(form.getByTestId("checkout-discount")).toContainText("$5.80");
  await expect(form.getByText("$23.20")).toBeVisible();
  await payByCard(form, "4242424242424242");
  await expect(buyer.getByTestId("payment-status")).toHaveAttribute("data-status", "paid");

  await buyer.goto("/dashboard/billing");
  const purchase = buyer.getByTestId("purchase-row").filter({ hasText: "Pay-to-view Masterclass" });
  await expect(purchase).toContainText("$23.20");
  await expect(purchase.getByTestId("order-discount")).toHaveText(`${code} −$5.80`);

  await referrer.reload();
  const entry = referrer
    .getByTestId("commission-row")
    .filter({ hasText: "Pay-to-view Masterclass" });
  await expect(entry).toContainText("$2.32");

  await admin.goto("/admin/discounts");
  const used = admin.getByTestId("discount-row").filter({ hasText: code });
  await expect(used.getByTestId("discount-uses")).toHaveText("1");
});
