import { expect, test } from "@playwright/test";
import { demoAdmin, openCheckout, signIn, signUp, uniqueEmail } from "./helpers";

test("an admin searches by email, opens the user, and reads why they have access", async ({
  browser,
}) => {
  // A buyer pays for the Starter Course (Founders Circle) through the demo provider.
  const buyerContext = await browser.newContext();
  const buyer = await buyerContext.newPage();
  const email = uniqueEmail("trail");
  await signUp(buyer, email);
  await openCheckout(buyer, "Starter Course");
  await buyer.getByRole("button", { name: "Proceed to Payment" }).click();
  await buyer.getByRole("button", { name: "Pay now" }).click();
  await expect(buyer).toHaveURL(/\/dashboard\/billing/);
  await expect(buyer.getByTestId("purchase-row")).toContainText("succeeded");
  await buyerContext.close();

  // The admin finds the buyer from the search box in the admin header.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, demoAdmin.email, demoAdmin.password);
  await admin.goto("/admin/purchases");
  const searchBox = admin.getByRole("searchbox", {
    name: "Search users, purchases, orders and events",
  });
  await searchBox.fill(email.toUpperCase());
  await searchBox.press("Enter");
  await expect(admin).toHaveURL(/\/admin\/search\?q=/);
  await admin.getByTestId("search-result").getByRole("link", { name: email }).click();
  await expect(admin.getByRole("heading", { name: email, level: 1 })).toBeVisible();

  // Why they have access: the grant, its cause, and the webhook event behind it.
  const founders = admin.getByTestId("access-summary").filter({ hasText: "Founders Circle" });
  await expect(founders).toContainText("Has access with no end");
  await expect(founders).toContainText("json webhook: payment.succeeded");
  const grantRow = admin.getByTestId("access-trail-row").filter({ hasText: "Granted" });
  await expect(grantRow).toHaveCount(1);
  const eventLink = grantRow.getByRole("link", { name: /external payment\.succeeded/ });
  await expect(eventLink).toHaveAttribute("href", /^\/admin\/events\/[^/]+$/);

  // A community granted by hand, with a reason, goes on the trail with the admin.
  await admin.getByLabel("Community to grant").selectOption({ label: "Weekly Workshops" });
  await admin.getByLabel("Reason for granting").fill("Guest speaker at the meetup");
  await admin.getByRole("button", { name: "Grant access" }).click();
  const workshops = admin.getByTestId("access-summary").filter({ hasText: "Weekly Workshops" });
  await expect(workshops).toContainText("Has access with no end");
  await expect(workshops).toContainText("manual: Guest speaker at the meetup");
  await expect(workshops).toContainText(`admin ${demoAdmin.email}`);
  await expect(admin.getByTestId("access-trail-row")).toHaveCount(2);
});
