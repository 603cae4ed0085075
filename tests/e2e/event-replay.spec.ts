import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { demoAdmin, openCheckout, signIn, signUp, uniqueEmail } from "./helpers";

/**
 * A provider's refund overtakes the payment it refunds: the refund fails (no purchase yet), the
 * payment grants access. An admin opens the failed event, replays it, and sees it applied: the
 * purchase is refunded and the access revoked, once.
 */
test("an admin replays a failed event", async ({ browser, page }) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demoAdmin.email, demoAdmin.password);
  await admin.goto("/admin/offerings");
  await admin.getByRole("link", { name: "Starter Course" }).click();
  const webhookUrl = (await admin.getByTestId("webhook-url").textContent())!.trim();
  const webhookSecret = (await admin.getByTestId("webhook-secret").textContent())!.trim();

  const email = uniqueEmail("replay");
  await signUp(page, email);
  const paymentId = `replay-${randomUUID()}`;
  const delivery = { user_email: email, payment_id: paymentId, amount: 4900, currency: "usd" };
  const post = (status: string) =>
    page.request.post(webhookUrl, {
      headers: { "x-offering-secret": webhookSecret },
      data: { ...delivery, status },
    });
  expect((await post("refunded")).status()).toBe(404);
  expect((await post("succeeded")).status()).toBe(200);
  await page.goto("/dashboard/billing");
  await expect(page.getByTestId("purchase-row")).toContainText("succeeded");

  await admin.goto("/admin/events");
  await expect(admin.getByRole("link", { name: "Dead letters" })).toBeVisible();
  await admin.goto("/admin/events?outcome=FAILED");
  const row = admin.getByTestId("event-row").filter({ hasText: paymentId });
  await expect(row).toContainText("purchase not found");
  await row.getByRole("link", { name: "payment.refunded" }).click();

  await expect(admin).toHaveURL(/\/admin\/events\/[^/]+$/);
  await expect(admin.getByRole("heading", { level: 1 })).toContainText("payment.refunded");
  await expect(admin.getByTestId("event-attempts")).toHaveText("1");
  await expect(
    admin.getByText("This event touched no purchase and changed no access."),
  ).toBeVisible();
  await admin.getByRole("button", { name: "Replay", exact: true }).click();
  await admin.getByRole("button", { name: "Confirm replay" }).click();

  await expect(admin.getByText("Replayed: the event is processed now.").first()).toBeVisible();
  await expect(admin.getByTestId("event-attempts")).toHaveText("2");
  await expect(admin.getByTestId("event-access-row")).toContainText("revoke");
  await expect(admin.getByTestId("event-access-row")).toContainText(email);
  await expect(admin.getByTestId("event-order-row")).toContainText("refunded");
  await expect(admin.getByText("a replay would change nothing")).toBeVisible();

  await page.goto("/dashboard/billing");
  await expect(page.getByTestId("purchase-row")).toContainText("refunded");
});

/**
 * A notice of a $1 payment is refused (amount mismatch); the buyer then really pays. Replaying
 * the refused notice changes nothing, says so, and the notice stays failed.
 */
test("replaying a wrong-amount notice after the buyer paid changes nothing and keeps it failed", async ({
  browser,
  page,
}) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demoAdmin.email, demoAdmin.password);
  await admin.goto("/admin/offerings");
  await admin.getByRole("link", { name: "Starter Course" }).click();
  const webhookUrl = (await admin.getByTestId("webhook-url").textContent())!.trim();
  const webhookSecret = (await admin.getByTestId("webhook-secret").textContent())!.trim();

  await signUp(page, uniqueEmail("wrong-amount"));
  await openCheckout(page, "Starter Course");
  await page.getByRole("button", { name: "Proceed to Payment" }).click();
  await expect(page).toHaveURL(/\/demo-provider\/pay\?purchase_id=/);
  const purchaseId = new URL(page.url()).searchParams.get("purchase_id")!;
  const paymentId = `wrong-${randomUUID()}`;
  const wrong = await page.request.post(webhookUrl, {
    headers: { "x-offering-secret": webhookSecret },
    data: {
      status: "succeeded",
      purchase_id: purchaseId,
      payment_id: paymentId,
      amount: 100,
      currency: "usd",
    },
  });
  expect(wrong.status()).toBe(422);
  await page.getByRole("button", { name: "Pay now" }).click();
  await expect(page).toHaveURL(/\/dashboard\/billing/);
  await expect(page.getByTestId("purchase-row")).toContainText("succeeded");

  await admin.goto("/admin/events?outcome=FAILED");
  const row = admin.getByTestId("event-row").filter({ hasText: paymentId });
  await expect(row).toContainText("amount mismatch");
  await row.getByRole("link", { name: "payment.succeeded" }).click();
  await admin.getByRole("button", { name: "Replay", exact: true }).click();
  await admin.getByRole("button", { name: "Confirm replay" }).click();

  await expect(
    admin
      .getByText(
        "Replayed, but this changed nothing: the purchase was already succeeded. The event stays failed (amount mismatch).",
      )
      .first(),
  ).toBeVisible();
  await expect(admin.getByText("Replayed: the event is processed now.")).toHaveCount(0);
  await expect(admin.getByTestId("event-attempts")).toHaveText("2");
  await admin.reload();
  await expect(admin.getByText("amount mismatch").first()).toBeVisible();
  await admin.goto("/admin/events?outcome=FAILED");
  await expect(admin.getByTestId("event-row").filter({ hasText: paymentId })).toHaveCount(1);
});
