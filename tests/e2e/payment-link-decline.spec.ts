import { expect, test } from "@playwright/test";
import { openCheckout, payByCard, signUp, uniqueEmail } from "./helpers";

test("a card declined on a Payment Link is reported as not completed, says the card was declined and why, and the way back", async ({
  page,
}) => {
  await signUp(page, uniqueEmail("link-declined"));
  await openCheckout(page, "Field Guide");
  await page.getByRole("button", { name: "Proceed to Payment" }).click();
  await expect(page).toHaveURL(/\/c\/pay\/cs_/);
  const sessionId = /\/c\/pay\/(cs_\w+)/.exec(page.url())?.[1];
  expect(sessionId).toBeTruthy();

  // The sandbox's hosted page shows the decline and keeps the buyer there, as Stripe's does.
  await payByCard(page, "4000 0000 0000 9995");
  await expect(page.getByText("Your card has insufficient funds.")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/c/pay/${sessionId}$`));

  await page.goto(`/dashboard/billing?provider=stripe&session_id=${sessionId}`);
  const status = page.getByTestId("payment-status");
  await expect(status).toHaveAttribute("data-status", "not_completed");
  await expect(status).toContainText("Payment not completed");
  await expect(status.getByTestId("decline-reason")).toHaveText(
    "Your card was declined (insufficient funds).",
  );
  await expect(status).not.toContainText("processing");
  const back = status.getByRole("link", { name: "Return to checkout" });
  await expect(back).toHaveAttribute("href", new RegExp(`/c/pay/${sessionId}$`));
  await expect(page.getByTestId("purchase-row")).toContainText("pending");
  await expect(page.getByTestId("community-access")).toHaveCount(0);

  // The link leads back to the same checkout, still open for another card.
  await back.click();
  await expect(page).toHaveURL(new RegExp(`/c/pay/${sessionId}$`));
  await expect(page.getByLabel("Card number")).toBeVisible();
});
