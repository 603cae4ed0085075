/**
 * Settings → Integrations → Stripe in the browser: only admins see the page or run its actions;
 * a saved key shows masked (never whole, anywhere in the page), Send test event reaches the
 * app's own Stripe endpoint and answers 200, and Remove brings back the environment's value.
 * The key saved is a test-mode secret key, which the sandbox accepts like the launcher's, so
 * other specs running after this one are unaffected.
 */
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { captureAction, replay } from "./action-replay";
import { queryE2eDatabase } from "./database";
import { demoAdmin, signIn, signUp, uniqueEmail } from "./helpers";

const PAGE = "/admin/settings/integrations";
const newSecretKey = () => `sk_test_e2e_${randomBytes(8).toString("hex")}`;

/** What the save action could change: the stored row and the audit trail. */
async function settingsState() {
  const [row] = await queryE2eDatabase<{ value: unknown }>(
    `SELECT value FROM "Setting" WHERE key = 'stripe'`,
  );
  const [{ count: audits }] = await queryE2eDatabase<{ count: string }>(
    `SELECT count(*) FROM "AuditEntry" WHERE action = 'settings.stripe.update'`,
  );
  const [{ count: tests }] = await queryE2eDatabase<{ count: string }>(
    `SELECT count(*) FROM "ProcessedEvent" WHERE provider = 'stripe' AND type = 'ping'`,
  );
  return { value: row?.value ?? null, audits, tests };
}

async function removeSavedSecretKey(admin: Page) {
  await admin.goto(PAGE);
  await admin.getByLabel("Remove the saved secret key").check();
  await admin.getByRole("button", { name: "Save Stripe settings" }).click();
  await expect(
    admin.getByRole("status").filter({ hasText: "Saved. Changed: secret key." }),
  ).toBeVisible();
  await expect(admin.getByTestId("stripe-secretKey-status")).toHaveText(
    /^From environment: sk_test_…\w{4}$/,
  );
}

test("only admins open the page and run its actions: 403 for a non-admin, refusals for anyone else", async ({
  browser,
  baseURL,
}) => {
  const origin = baseURL!;
  const admin = await browser.newPage();
  await signIn(admin, demoAdmin.email, demoAdmin.password);
  const user = await browser.newPage();
  await signUp(user, uniqueEmail("not-admin-settings"));
  const signedOut = await browser.newContext({ baseURL: origin });

  const response = await user.goto(PAGE);
  expect(response?.status()).toBe(403);
  await expect(user.getByRole("heading", { name: "403 · Admins only" })).toBeVisible();

  await admin.goto(PAGE);
  const secretKey = newSecretKey();
  const save = await captureAction(admin, async () => {
    await admin.getByLabel("Secret key", { exact: true }).fill(secretKey);
    await admin.getByRole("button", { name: "Save Stripe settings" }).click();
  });
  await admin.goto(PAGE);
  const sendTestEvent = await captureAction(admin, () =>
    admin.getByRole("button", { name: "Send test event" }).click(),
  );

  const before = await settingsState();
  for (const [caller, request, code] of [
    ["signed out", signedOut.request, "unauthorized"],
    ["non-admin", user.request, "forbidden"],
  ] as const) {
    for (const [name, action] of [
      ["save", save],
      ["send test event", sendTestEvent],
    ] as const) {
      const answer = await replay(request, action, origin);
      expect(answer, `${name}, ${caller}`).toContain(`"error":"${code}"`);
      expect(answer, `${name}, ${caller}`).not.toContain(secretKey);
    }
  }
  expect(await settingsState()).toEqual(before);

  // The same requests from the admin work, so the refusals above were the role check's.
  expect(await replay(admin.request, save, origin)).not.toContain(secretKey);
  const after = await settingsState();
  expect(Number(after.audits)).toBe(Number(before.audits) + 1);
  expect(JSON.stringify(after.value)).not.toContain(secretKey);
  expect(await replay(admin.request, sendTestEvent, origin)).toContain('"status":"200"');
  expect(Number((await settingsState()).tests)).toBe(Number(before.tests) + 1);

  await removeSavedSecretKey(admin);
  await signedOut.close();
});

test("an admin saves a key, sees it masked, sends a test event (200) and removes the key", async ({
  page,
}) => {
  await signIn(page, demoAdmin.email, demoAdmin.password);
  await page.goto(PAGE);
  await expect(page.getByRole("heading", { name: "Integrations", level: 1 })).toBeVisible();
  await expect(page.getByTestId("stripe-endpoint-url")).toHaveText(/\/api\/webhooks\/stripe$/);
  await expect(page.getByTestId("stripe-event-types")).toContainText("checkout.session.completed");
  await expect(page.getByTestId("stripe-sandbox-note")).toContainText("launcher");
  await expect(page.getByTestId("stripe-webhookSecret-status")).toHaveText(
    /^From environment: whsec_…\S{4}$/,
  );

  const secretKey = newSecretKey();
  await page.getByLabel("Secret key", { exact: true }).fill(secretKey);
  await page.getByRole("button", { name: "Save Stripe settings" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Saved. Changed: secret key." }),
  ).toBeVisible();
  await expect(page.getByTestId("stripe-secretKey-status")).toHaveText(
    `Saved: sk_test_…${secretKey.slice(-4)}`,
  );
  await expect(page.getByLabel("Secret key", { exact: true })).toHaveValue("");
  await page.reload();
  expect(await page.content()).not.toContain(secretKey);

  await page.getByRole("button", { name: "Send test event" }).click();
  const result = page.getByTestId("test-event-result");
  await expect(result.getByTestId("test-event-status")).toHaveText("200");
  await expect(result).toContainText('"outcome": "ignored"');

  await page.getByRole("button", { name: "Save Stripe settings" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Nothing changed: empty fields keep" }),
  ).toBeVisible();

  await page.getByLabel("Secret key", { exact: true }).fill("pk_test_not_a_secret_key");
  await page.getByRole("button", { name: "Save Stripe settings" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Check the highlighted fields." }),
  ).toBeVisible();
  await expect(page.getByText("A secret key looks like sk_test_…")).toBeVisible();

  await removeSavedSecretKey(page);
});
