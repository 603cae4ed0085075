import { expect, test } from "@playwright/test";
import { demoAdmin, signIn } from "./helpers";

/**
 * "Always test webhooks before going live", in one click: the admin opens an offering, sends a
 * test delivery to its own webhook URL, sees the answer, and finds it in the delivery log.
 */
test("Send test delivery shows the webhook's answer and logs a test delivery", async ({ page }) => {
  await signIn(page, demoAdmin.email, demoAdmin.password);
  await page.goto("/admin/offerings");
  await page
    .getByTestId("offering-row")
    .getByRole("link", { name: "Starter Course", exact: true })
    .click();
  await expect(page.getByRole("heading", { name: "Starter Course", level: 1 })).toBeVisible();
  await expect(page.getByTestId("stripe-signing-secret-status")).toHaveText(/^(Set|Not set)$/);
  const rowsBefore = await page.getByTestId("delivery-row").count();

  await page.getByRole("button", { name: "Send test delivery" }).click();

  const result = page.getByTestId("test-delivery-result");
  await expect(result.getByTestId("test-delivery-status")).toHaveText("200");
  await expect(result).toContainText('"outcome": "test"');
  const newest = page.getByTestId("delivery-row").first();
  await expect(newest.getByTestId("delivery-test-marker")).toHaveText("test");
  await expect(newest).toContainText("200");
  await expect(page.getByTestId("delivery-row")).toHaveCount(Math.min(rowsBefore + 1, 50));
});
