/** Admin → Emails previews every email; a buyer turns commission emails off and on again. */
import { expect, test } from "@playwright/test";
import { queryE2eDatabase } from "./database";
import { demoAdmin, signIn, signUp, uniqueEmail } from "./helpers";

test("an admin previews every email, as HTML and as plain text, with sample data", async ({
  page,
}) => {
  await signIn(page, demoAdmin.email, demoAdmin.password);
  await page.goto("/admin");
  await page
    .getByRole("navigation", { name: "Admin" })
    .getByRole("link", { name: "Emails" })
    .click();
  await expect(page).toHaveURL(/\/admin\/emails$/);

  const emails = page.getByRole("navigation", { name: "Emails" }).getByRole("link");
  await expect(emails).toHaveText([
    "Receipt (you're in)",
    "Payment failed",
    "Subscription canceled or ending",
    "Refund confirmed",
    "Commission earned",
    "Commission paid",
    "Webhook endpoint disabled (admins)",
    "Dead-letter digest (admins, daily)",
  ]);

  // The receipt first: its subject, its HTML in a sandboxed frame, its plain text.
  await expect(page.getByTestId("email-subject")).toHaveText("You're in: Founders Membership");
  await expect(page.getByText("The buyer, always")).toBeVisible();
  const html = page.frameLocator('iframe[title="Receipt (you\'re in): HTML preview"]');
  await expect(html.getByRole("heading", { name: "You're in!" })).toBeVisible();
  const origin = new URL(page.url()).origin;
  await expect(html.getByRole("link", { name: "Founders Circle" })).toHaveAttribute(
    "href",
    `${origin}/communities/community_sample_circle`,
  );
  await expect(page.getByTestId("email-text")).toContainText("We received your payment of $49.00.");

  await emails.filter({ hasText: "Payment failed" }).click();
  await expect(page).toHaveURL(/\?template=payment-failed$/);
  await expect(page.getByTestId("email-subject")).toHaveText(
    "Your payment for Studio Monthly failed",
  );
  await expect(page.getByTestId("email-text")).toContainText(
    `Update payment method ${origin}/dashboard/billing`,
  );

  for (const name of ["Commission earned", "Dead-letter digest (admins, daily)"]) {
    await emails.filter({ hasText: name }).click();
    await expect(emails.filter({ hasText: name })).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("email-text")).not.toBeEmpty();
  }
});

test("a buyer cannot open the email previews", async ({ page }) => {
  await signUp(page, uniqueEmail("no-previews"));
  const response = await page.goto("/admin/emails");
  expect(response?.status()).toBe(403);
});

test("a buyer turns commission emails off and on; receipts stay on", async ({ page }) => {
  const email = uniqueEmail("preferences");
  await signUp(page, email);
  await page.goto("/dashboard/account");
  const toggle = page.getByRole("switch", { name: "Email me about commissions" });
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await expect(page.getByText("Receipts and payment failures are always sent.")).toBeVisible();

  const saved = async () =>
    (
      await queryE2eDatabase<{ commissionEmails: boolean }>(
        `SELECT "commissionEmails" FROM "User" WHERE email = $1`,
        [email],
      )
    )[0].commissionEmails;

  await toggle.click();
  await expect(page.getByRole("status")).toHaveText(
    "Commission emails are off. Receipts and payment failures still come.",
  );
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  expect(await saved()).toBe(false);
  await page.reload();
  await expect(toggle).toHaveAttribute("aria-checked", "false");

  await toggle.click();
  await expect(page.getByRole("status")).toHaveText("Commission emails are on.");
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  expect(await saved()).toBe(true);
});
