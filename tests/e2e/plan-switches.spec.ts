import { expect, test, type Page } from "@playwright/test";
import { openCheckout, payByCard, signUp, uniqueEmail } from "./helpers";

/** The billing page, reloaded until `check` passes: webhooks arrive on their own time. */
async function billingUntil(page: Page, check: () => Promise<void>) {
  await expect(async () => {
    await page.goto("/dashboard/billing");
    await check();
  }).toPass({ timeout: 20_000 });
}

test.describe("Plan switches, on the local Stripe sandbox", () => {
  test("monthly → yearly: the proration preview, a confirmation, then the order shows the prorated line; back to monthly waits for the year's end, and can be called off", async ({
    page,
  }) => {
    await signUp(page, uniqueEmail("plan-switch"));
    await openCheckout(page, "Studio Monthly");
    await payByCard(page.frameLocator('iframe[title="Secure checkout"]'), "4242 4242 4242 4242");
    await expect(page.getByTestId("payment-status")).toHaveAttribute("data-status", "paid");
    const card = page.getByTestId("subscription-card");
    await billingUntil(page, async () => {
      await expect(card).toContainText("Active", { timeout: 1_000 });
    });
    await expect(card).toContainText("$12.00 / month");
    await expect(page.getByTestId("community-access")).toHaveCount(2);

    // Studio Monthly and Studio Yearly are one plan family in the demo catalog.
    await card.getByRole("link", { name: "Upgrade to Studio Yearly" }).click();
    await expect(page).toHaveURL(/\/dashboard\/billing\/switch\?subscription=.+&to=.+/);
    const lines = page.getByTestId("preview-line");
    await expect(lines).toHaveCount(2);
    // Minutes into a month, the unused time is worth the whole month's $12 to the cent.
    await expect(lines.first()).toContainText(
      /Unused time on Studio Monthly after \d{2} \w{3} \d{4}/,
    );
    await expect(lines.first()).toContainText("-$12.00");
    await expect(lines.last()).toContainText("1 × Studio Yearly");
    await expect(lines.last()).toContainText("$120.00");
    await expect(page.getByTestId("preview-total")).toHaveText("Due today: $108.00");

    await page.getByRole("button", { name: "Confirm and pay $108.00" }).click();
    await expect(page).toHaveURL(/\/dashboard\/billing\?switched=/);
    await expect(page.getByTestId("plan-switched")).toHaveText("You are now on Studio Yearly.");
    await expect(card).toContainText("Studio Yearly");
    await expect(card).toContainText("$120.00 / year");
    await expect(card).toContainText("Active");
    await expect(page.getByTestId("plan-badge")).toHaveText("Pro plan");
    await expect(page.getByTestId("community-access")).toHaveCount(2);

    const switchOrder = page.getByTestId("invoice-row").filter({ hasText: "Studio Yearly" });
    await expect(switchOrder).toHaveCount(1);
    await expect(switchOrder).toContainText("$108.00");
    await expect(switchOrder).toContainText("paid");
    const prorated = switchOrder.getByTestId("invoice-line");
    await expect(prorated.first()).toContainText("Unused time on Studio Monthly after");
    await expect(prorated.first()).toContainText("-$12.00");
    await expect(prorated.last()).toContainText("1 × Studio Yearly: $120.00");
    await expect(page.getByTestId("invoice-row")).toHaveCount(2);

    // Stripe's own events for the switch arrive afterwards and change nothing.
    await page.waitForTimeout(2_000);
    await page.goto("/dashboard/billing");
    await expect(page.getByTestId("invoice-row")).toHaveCount(2);
    await expect(page.getByTestId("subscription-card")).toHaveCount(1);
    await expect(card).toContainText("Studio Yearly");

    // And back: a downgrade waits for the end of the paid year, and can be called off.
    await card.getByRole("link", { name: "Switch to Studio Monthly" }).click();
    await expect(page.getByTestId("preview-downgrade")).toContainText(
      /Nothing is charged today\. You keep Studio Yearly until \w{3} \d{1,2}, \d{4}; then Studio Monthly starts, at \$12\.00 \/ month\./,
    );
    await page.getByRole("button", { name: /^Switch on / }).click();
    await expect(page).toHaveURL(/\/dashboard\/billing\?scheduled=/);
    await expect(page.getByTestId("plan-scheduled")).toContainText("Studio Monthly starts on");
    await expect(card.getByTestId("pending-switch")).toContainText("Switches to Studio Monthly on");
    await expect(card).toContainText("$120.00 / year");
    await expect(page.getByTestId("invoice-row")).toHaveCount(2);
    await card.getByRole("button", { name: "Keep my plan" }).click();
    // The schedule is released at Stripe: the card offers the switch again.
    await expect(card.getByTestId("pending-switch")).toHaveCount(0);
    await page.goto("/dashboard/billing");
    await expect(card.getByTestId("pending-switch")).toHaveCount(0);
    await expect(card.getByRole("link", { name: "Switch to Studio Monthly" })).toBeVisible();
  });
});
