import { expect, test, type Page } from "@playwright/test";
import { openCheckout, signUp, uniqueEmail } from "./helpers";

/** "Proceed to Payment" on the demo-provider offering: the pending purchase and its return page. */
async function startStarterCourse(page: Page) {
  await openCheckout(page, "Starter Course");
  const offeringId = /\/offerings\/([^/]+)\/checkout$/.exec(page.url())?.[1];
  await page.getByRole("button", { name: "Proceed to Payment" }).click();
  await expect(page).toHaveURL(/\/demo-provider\/pay\?purchase_id=[^&]+/);
  const purchaseId = new URL(page.url()).searchParams.get("purchase_id");
  expect(offeringId).toBeTruthy();
  expect(purchaseId).toBeTruthy();
  return {
    purchaseId: purchaseId ?? "",
    returnUrl: `/offerings/${offeringId}/checkout/return?purchase_id=${encodeURIComponent(purchaseId ?? "")}`,
  };
}

test("the return page of an external link shows progress until the provider's webhook, then paid", async ({
  page,
  context,
}) => {
  await signUp(page, uniqueEmail("external-return"));
  const { returnUrl } = await startStarterCourse(page);

  // Back from the provider before it has told us anything: progress, checked again and again.
  const returned = await context.newPage();
  await returned.goto(returnUrl);
  const status = returned.getByTestId("payment-status");
  await expect(status).toHaveAttribute("data-status", "pending");
  await expect(status).toContainText(
    "Waiting for the payment provider to confirm your payment for Starter Course",
  );
  await expect(status).toContainText(/\(check ([2-9]|\d\d)\)/);
  await expect(status.getByRole("link", { name: "Go to your billing page" })).toHaveCount(0);

  // The provider takes the payment and posts its webhook; the waiting page sees it.
  await page.getByRole("button", { name: "Pay now" }).click();
  await expect(page).toHaveURL(/\/dashboard\/billing/);

  await expect(status).toHaveAttribute("data-status", "paid");
  await expect(status).toContainText("Payment received. You now have access to Starter Course.");
  await status.getByRole("link", { name: "Go to your billing page" }).click();
  await expect(returned).toHaveURL(/\/dashboard\/billing$/);
  await expect(returned.getByTestId("purchase-row")).toContainText("succeeded");
});

test("another user gets the not-found page for someone else's return page and demo payment", async ({
  page,
  browser,
}) => {
  await signUp(page, uniqueEmail("external-owner"));
  const { purchaseId, returnUrl } = await startStarterCourse(page);

  const intruder = await (await browser.newContext()).newPage();
  await signUp(intruder, uniqueEmail("external-intruder"));
  for (const url of [
    returnUrl,
    `/demo-provider/pay?purchase_id=${encodeURIComponent(purchaseId)}`,
    returnUrl.replace(/purchase_id=.*$/, "purchase_id=no-such-purchase"),
  ]) {
    const response = await intruder.goto(url);
    expect(response?.status()).toBe(404);
    await expect(intruder.getByRole("heading", { name: "Not found", level: 1 })).toBeVisible();
    await expect(intruder.getByTestId("payment-status")).toHaveCount(0);
    await expect(intruder.getByRole("button", { name: "Pay now" })).toHaveCount(0);
  }

  // The owner's purchase is untouched and still theirs to follow.
  await page.goto(returnUrl);
  await expect(page.getByTestId("payment-status")).toHaveAttribute("data-status", "pending");
});
