/**
 * The whole way from a payment to the buyer's inbox: the purchase's outbox message, the email
 * channel's delivery and the SMTP sink's mailbox, which holds one receipt whose community link
 * opens the community. Needs the outbox core (triggers, dispatcher, deliverer, worker).
 */
import { expect, test } from "@playwright/test";
import { e2eMailFile } from "../../tooling/server/e2e-paths";
import { mailsSentTo } from "../../tooling/server/mail-sink";
import { openCheckout, signUp, uniqueEmail } from "./helpers";

test("a buyer pays; the mailbox holds one receipt whose community link works", async ({ page }) => {
  const email = uniqueEmail("receipt");
  await signUp(page, email);
  await openCheckout(page, "Starter Course");
  await page.getByRole("button", { name: "Proceed to Payment" }).click();
  await page.getByRole("button", { name: "Pay now" }).click();
  await expect(page).toHaveURL(/\/dashboard\/billing/);
  await expect(page.getByTestId("purchase-row")).toContainText("succeeded");

  const receipts = () =>
    mailsSentTo(e2eMailFile, email).filter((mail) =>
      mail.raw.includes("Subject: You're in: Starter Course"),
    );
  await expect.poll(() => receipts().length, { message: "a receipt in the mailbox" }).toBe(1);
  const receipt = receipts()[0].raw;
  expect(receipt).toContain("We received your payment of $49.00.");

  const origin = new URL(page.url()).origin;
  const link = receipt.match(new RegExp(`Founders Circle (${origin}/communities/[\\w-]+)`))?.[1];
  expect(link, "the community's link in the plain text").toBeTruthy();
  await page.goto(link!);
  await expect(page.getByTestId("community-content")).toContainText(
    "Welcome to the Founders Circle",
  );

  // Still one receipt a while later: one email per message and recipient.
  await page.waitForTimeout(2_000);
  expect(receipts()).toHaveLength(1);
});
