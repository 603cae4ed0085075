/**
 * What the e2e server's start-up leaves behind (scripts/run.ts): the Stripe sandbox held the
 * events that seeding caused before the app listened (product.created, price.created), and
 * delivered them once it answered, each answered on its first attempt; and the server log
 * carries no pg warning about a concurrent query on one client, even after an admin's list of
 * purchases, which used to cause one.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { e2eServerLog } from "../../tooling/server/e2e-paths";
import { demoAdmin, openCheckout, signIn, signUp, uniqueEmail } from "./helpers";

// The e2e server's sandbox port (scripts/run.ts: STRIPE_SANDBOX_PORT, 12111 by default).
const sandboxUrl = `http://localhost:${process.env.STRIPE_SANDBOX_PORT ?? 12111}`;

type Attempt = { eventId: string; type: string; attempt: number; statusCode: number | null };

test("the sandbox delivers the seeding's events once the app answers, each on its first attempt", async () => {
  const response = await fetch(`${sandboxUrl}/_sandbox/deliveries`);
  const { deliveries } = (await response.json()) as { deliveries: Attempt[] };
  const seeding = deliveries.filter(
    ({ type }) => type === "product.created" || type === "price.created",
  );

  expect(seeding.filter(({ type }) => type === "product.created").length).toBeGreaterThan(0);
  expect(seeding.filter(({ type }) => type === "price.created").length).toBeGreaterThan(0);
  const notAnswered = seeding.filter(
    ({ attempt, statusCode }) => attempt !== 1 || statusCode === null || statusCode >= 300,
  );
  expect(notAnswered).toEqual([]);
});

test("the server log has no pg warning about a concurrent query, after an admin lists purchases", async ({
  browser,
  page,
}) => {
  // A purchase to list (its buyer, offering and amount are the reads that overlapped).
  const buyerContext = await browser.newContext();
  const buyer = await buyerContext.newPage();
  const email = uniqueEmail("start-up");
  await signUp(buyer, email);
  await openCheckout(buyer, "Starter Course");
  await buyer.getByRole("button", { name: "Proceed to Payment" }).click();
  await buyer.getByRole("button", { name: "Pay now" }).click();
  await expect(buyer.getByTestId("purchase-row")).toContainText("succeeded");
  await buyerContext.close();

  await signIn(page, demoAdmin.email, demoAdmin.password);
  await page.goto("/admin/purchases");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText(email).first()).toBeVisible();
  // The warning goes out on the server's next tick, then through the launcher's pipe.
  await page.waitForTimeout(500);
  expect(readFileSync(e2eServerLog, "utf8")).not.toContain("already executing a query");
});
