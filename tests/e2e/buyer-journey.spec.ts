import { expect, test } from "@playwright/test";
import { emailedLink, signUp, submitSignUp, uniqueEmail } from "./helpers";

test("a signed-out visitor signs up mid-checkout, pays through the demo provider and opens the community", async ({
  page,
}) => {
  await page.goto("/offerings");
  await page.getByRole("link", { name: /Starter Course/ }).click();
  await expect(page.getByRole("heading", { name: "Starter Course", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Get Started" }).click();

  // Asked to sign in, then brought back to the same purchase step.
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fofferings%2F[^%]+%2Fcheckout/);
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page.getByRole("heading", { name: "Create an account" })).toBeVisible();
  const email = uniqueEmail("buyer");
  await submitSignUp(page, email);
  // The emailed link confirms the address, signs in and returns to the purchase step.
  await page.goto(await emailedLink(email, "verify-email"));
  await expect(page).toHaveURL(/\/offerings\/[^/]+\/checkout$/);
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
  await expect(page.getByText("$49.00")).toBeVisible();

  await page.getByRole("button", { name: "Proceed to Payment" }).click();
  await expect(page).toHaveURL(/\/demo-provider\/pay\?purchase_id=[^&]+&email=/);
  await expect(page.getByRole("heading", { name: "Demo Pay" })).toBeVisible();
  await page.getByRole("button", { name: "Pay now" }).click();

  await expect(page).toHaveURL(/\/dashboard\/billing/);
  await expect(page.getByTestId("purchase-row")).toContainText("succeeded");
  await expect(page.getByTestId("purchase-row")).toContainText("Lifetime");
  await expect(page.getByTestId("plan-badge")).toHaveText("1 purchase with access");
  await page.getByTestId("community-access").getByRole("link", { name: "Founders Circle" }).click();
  await expect(page.getByTestId("community-content")).toContainText(
    "Welcome to the Founders Circle",
  );

  // Paying again is not offered once access is held.
  await page.goto("/offerings");
  await page.getByRole("link", { name: /Starter Course/ }).click();
  await expect(page.getByRole("heading", { name: "Starter Course", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Get Started" }).click();
  await expect(page.getByText("You already have access to this offering.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Proceed to Payment" })).toHaveCount(0);
});

test("a declined demo payment leaves the purchase failed and the community closed", async ({
  page,
}) => {
  await signUp(page, uniqueEmail("declined"));
  await page.goto("/offerings");
  await page.getByRole("link", { name: /Monthly Membership/ }).click();
  await expect(page.getByRole("heading", { name: "Monthly Membership", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Get Started" }).click();
  await page.getByRole("button", { name: "Proceed to Payment" }).click();
  await page.getByRole("button", { name: "Decline payment" }).click();

  await expect(page).toHaveURL(/\/dashboard\/billing/);
  await expect(page.getByTestId("purchase-row")).toContainText("failed");
  await expect(page.getByTestId("community-access")).toHaveCount(0);
});

test("a community page keeps its content from non-members and offers a way to buy", async ({
  page,
}) => {
  await signUp(page, uniqueEmail("visitor"));
  await page.goto("/offerings");
  await page.getByRole("link", { name: /Yearly Membership/ }).click();
  await expect(page.getByRole("heading", { name: "Yearly Membership", level: 1 })).toBeVisible();
  // An unpaid purchase opens nothing.
  await page.getByRole("link", { name: "Get Started" }).click();
  await page.getByRole("button", { name: "Proceed to Payment" }).click();
  await expect(page).toHaveURL(/demo-provider/);
  await page.goBack();
  await page.goBack();
  await page.getByRole("link", { name: "Weekly Workshops" }).click();

  await expect(page.getByRole("heading", { name: "Weekly Workshops", level: 1 })).toBeVisible();
  await expect(page.getByText("This content is for members.")).toBeVisible();
  await expect(page.getByTestId("community-content")).toHaveCount(0);
  await expect(page.getByText("Workshop library")).toHaveCount(0);
  await page.getByRole("link", { name: "Get access with Yearly Membership" }).click();
  await expect(page.getByRole("heading", { name: "Yearly Membership", level: 1 })).toBeVisible();
});

test("magic links sign people in (the link arrives by email)", async ({ page }) => {
  const email = uniqueEmail("magic");
  await page.goto("/signin");
  await page.getByLabel("Email for a sign-in link").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByText("Check your email for a sign-in link")).toBeVisible();

  await page.goto(await emailedLink(email));
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
});
