/**
 * The commission admin pages in a browser: a non-admin is refused (403) by the pages and the CSV
 * export; the admin saves the rules and sees them after a reload and on the audit trail; the
 * export links download CSV files that start with their header.
 */
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { queryE2eDatabase } from "./database";
import { demoAdmin, signIn, signUp, uniqueEmail } from "./helpers";

const ruleFields = {
  defaultRateBps: "Default rate (basis points)",
  level2RateBps: "Level 2 rate (basis points)",
  level3RateBps: "Level 3 rate (basis points)",
  holdDays: "Hold days",
  refundWindowDays: "Refund window (days)",
} as const;
type Rules = Record<keyof typeof ruleFields, string>;

async function storedRules() {
  const [row] = await queryE2eDatabase<{ value: unknown }>(
    `SELECT value FROM "Setting" WHERE key = 'commissions'`,
  );
  return row?.value ?? null;
}

async function fillRules(page: Page, rules: Rules) {
  for (const [name, label] of Object.entries(ruleFields)) {
    await page.getByLabel(label, { exact: true }).fill(rules[name as keyof Rules]);
  }
  await page.getByRole("button", { name: "Save rules" }).click();
}

async function shownRules(page: Page): Promise<Rules> {
  const rules = {} as Rules;
  for (const [name, label] of Object.entries(ruleFields)) {
    rules[name as keyof Rules] = await page.getByLabel(label, { exact: true }).inputValue();
  }
  return rules;
}

test("a non-admin gets 403 from the commission pages and the CSV export, and changes nothing", async ({
  page,
}) => {
  await signUp(page, uniqueEmail("not-admin-commissions"));
  const before = await storedRules();
  for (const path of ["/admin/commissions", "/admin/settings", "/admin/settings/commissions"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "403 · Admins only" }), path).toBeVisible();
  }
  for (const type of ["entries", "payouts"]) {
    const response = await page.request.get(`/api/admin/commissions/export?type=${type}`);
    expect(response.status()).toBe(403);
    expect(await response.json()).toEqual({
      error: "forbidden",
      message: "Admins only.",
      details: {},
    });
  }
  expect(await storedRules()).toEqual(before);
});

test("the admin saves the commission rules, sees them again, and sees the change on the audit trail", async ({
  page,
}) => {
  await signIn(page, demoAdmin.email, demoAdmin.password);
  await page.goto("/admin/settings");
  await expect(page.getByRole("link", { name: "Integrations" })).toHaveAttribute(
    "href",
    "/admin/settings/integrations",
  );
  await page.locator('main a[href="/admin/settings/commissions"]').click();
  await expect(page).toHaveURL(/\/admin\/settings\/commissions$/);
  await expect(
    page.getByText(
      "Each entry is floor(amount × rate ÷ 10,000) in the order's currency; level 1 uses the offering's own rate when set, else the default.",
    ),
  ).toBeVisible();
  const original = await shownRules(page);
  const changed: Rules = {
    defaultRateBps: "1234",
    level2RateBps: "321",
    level3RateBps: "45",
    holdDays: "9",
    refundWindowDays: "7",
  };

  try {
    await fillRules(page, { ...changed, level2RateBps: "12.5" });
    await expect(page.getByRole("main").getByText("Check the highlighted fields.")).toBeVisible();
    await expect(page.getByText("Enter whole basis points from 0 to 10,000.")).toBeVisible();

    // Levels that pay more than the order, and a hold shorter than the refund window, are
    // refused by the server with a message on each field; nothing is saved.
    const before = await storedRules();
    await fillRules(page, {
      ...changed,
      defaultRateBps: "10000",
      level2RateBps: "10000",
      level3RateBps: "10000",
      holdDays: "3",
    });
    await expect(
      page.getByRole("main").getByText("These commission rules cannot be saved."),
    ).toBeVisible();
    await expect(page.getByText(/add up to 30,000 bps/)).toHaveCount(3);
    await expect(
      page.getByText(/The hold must be at least the refund window \(7 days\)/),
    ).toBeVisible();
    expect(await storedRules()).toEqual(before);

    await fillRules(page, changed);
    await expect(page.getByRole("main").getByText("Commission rules saved.")).toBeVisible();
    await page.reload();
    expect(await shownRules(page)).toEqual(changed);
    expect(await storedRules()).toEqual({
      defaultRateBps: 1234,
      level2RateBps: 321,
      level3RateBps: 45,
      holdDays: 9,
      refundWindowDays: 7,
    });

    await page.goto("/admin/commissions");
    const latest = page.getByTestId("audit-entry").first();
    await expect(latest).toContainText(
      `Changed the commission rules: default rate ${original.defaultRateBps} → 1234`,
    );
    await expect(latest).toContainText(demoAdmin.email);
  } finally {
    // Other specs rely on the rules they found: put them back.
    await page.goto("/admin/settings/commissions");
    await fillRules(page, original);
    await expect(
      page.getByRole("main").getByText(/^(Commission rules saved|Nothing changed)\.$/),
    ).toBeVisible();
  }
});

test("the CSV links download files that start with their header", async ({ page }) => {
  await signIn(page, demoAdmin.email, demoAdmin.password);
  await page.goto("/admin/commissions?status=paid");
  await expect(page.getByTestId("commission-totals")).toBeVisible();
  const headers = {
    "Export entries (CSV)":
      "entry_id,created_at,status,kind,level,referrer_email,buyer_email,offering,order_id,rate_bps,amount_minor,currency,payout_reference,reversed_at",
    "Export payouts (CSV)":
      "payout_id,created_at,reference,admin_email,entries,total_minor,currency",
  };
  for (const [name, header] of Object.entries(headers)) {
    const link = page.getByRole("link", { name });
    await expect(link).toHaveAttribute("href", /status=paid/);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(
      /^commission-(entries|payouts)-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const text = await readFile(await download.path(), "utf8");
    expect(text.split("\r\n")[0]).toBe(header);
  }
});
