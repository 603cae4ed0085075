/**
 * Referrals end to end: A shares a link, B buys through it, A sees a pending commission; once
 * the hold period has passed an admin pays it out and A sees it paid. And nothing the browser
 * posts can name a referrer.
 */
import { expect, test, type Page } from "@playwright/test";
import { captureAction, replay } from "./action-replay";
import { queryE2eDatabase } from "./database";
import { demoAdmin, openCheckout, payByCard, signIn, signUp, uniqueEmail } from "./helpers";

async function saveRules(admin: Page, rules: { defaultRate: string; holdDays: string }) {
  await admin.goto("/admin/settings/commissions");
  await admin.getByLabel("Default rate (basis points)", { exact: true }).fill(rules.defaultRate);
  await admin.getByLabel("Level 2 rate (basis points)", { exact: true }).fill("0");
  await admin.getByLabel("Level 3 rate (basis points)", { exact: true }).fill("0");
  await admin.getByLabel("Refund window (days)", { exact: true }).fill(rules.holdDays);
  await admin.getByLabel("Hold days", { exact: true }).fill(rules.holdDays);
  await admin.getByRole("button", { name: "Save rules" }).click();
  // The answer of the save itself (its message, or that the rules were already these): the next
  // page must not be read before the rules are written.
  await expect(
    admin.getByText(/^(Commission rules saved\.|Nothing changed\.)$/).first(),
  ).toBeVisible();
}

/** Buys the demo-provider course: Proceed to Payment, then Pay now at the demo provider. */
async function buyStarterCourse(page: Page) {
  await openCheckout(page, "Starter Course");
  await page.getByRole("button", { name: "Proceed to Payment" }).click();
  await page.getByRole("button", { name: "Pay now" }).click();
  await expect(page).toHaveURL(/\/dashboard\/billing/);
}

test("A shares a link, B buys through it, A sees the commission pending, then paid once the admin pays it out", async ({
  browser,
}) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demoAdmin.email, demoAdmin.password);
  await saveRules(admin, { defaultRate: "1000", holdDays: "14" });

  const referrer = await (await browser.newContext()).newPage();
  const referrerEmail = uniqueEmail("referrer");
  await signUp(referrer, referrerEmail);
  await referrer.goto("/dashboard/referrals");
  const shareLink = (await referrer.getByTestId("share-link").textContent())!.trim();
  expect(shareLink).toMatch(/\/r\/[A-Za-z0-9_-]+$/);

  const buyer = await (await browser.newContext()).newPage();
  await buyer.goto(shareLink);
  await expect(buyer).toHaveURL(/\/offerings$/);
  await signUp(buyer, uniqueEmail("referred"));
  await buyStarterCourse(buyer);

  await referrer.reload();
  const entry = referrer.getByTestId("commission-row").filter({ hasText: "Starter Course" });
  await expect(entry).toContainText("Pending");
  await expect(entry).toContainText("$4.90");

  // The hold period is a setting read at query time: with none left, the entry is earned.
  await saveRules(admin, { defaultRate: "1000", holdDays: "0" });
  await admin.goto(`/admin/commissions?referrer=${encodeURIComponent(referrerEmail)}`);
  const row = admin.getByTestId("commission-row").filter({ hasText: referrerEmail });
  await expect(row).toHaveAttribute("data-status", "earned");
  await row.getByRole("checkbox").check();
  await admin.getByLabel("Payout reference").fill("TRANSFER-42");
  await admin.getByRole("button", { name: "Mark paid" }).click();
  await expect(row).toHaveAttribute("data-status", "paid");

  await referrer.reload();
  await expect(entry).toContainText("Paid");
  await saveRules(admin, { defaultRate: "1000", holdDays: "14" });
});

test("with no commission rate set, as on a fresh install, the referrer and the admin are told the link earns nothing", async ({
  browser,
}) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demoAdmin.email, demoAdmin.password);
  const referrer = await (await browser.newContext()).newPage();
  await signUp(referrer, uniqueEmail("unpaid-referrer"));
  try {
    // A fresh install's rules: every rate 0 (no seeded offering sets a rate of its own).
    await saveRules(admin, { defaultRate: "0", holdDays: "14" });
    await expect(admin.getByTestId("referral-terms")).toHaveText(
      "Referral links earn nothing: the default rate is 0 bps and no offering sets a rate of its own. Set a default rate above 0 for referrers to earn.",
    );
    await referrer.goto("/dashboard/referrals");
    await expect(referrer.getByTestId("referral-terms")).toContainText(
      "Referral links earn nothing yet: no commission rate is set",
    );
    await expect(referrer.getByText(/earn you a commission on what they pay/)).toHaveCount(0);

    await saveRules(admin, { defaultRate: "1000", holdDays: "14" });
    await expect(admin.getByTestId("referral-terms")).toHaveText(
      "Referral links earn 10 % by default.",
    );
    await referrer.reload();
    await expect(referrer.getByTestId("referral-terms")).toHaveText(
      "Your link earns 10 % of what the people you refer pay.",
    );
  } finally {
    await saveRules(admin, { defaultRate: "1000", holdDays: "14" });
  }
});

/** Pays for the Stripe embedded offering on the sandbox's form with this card. */
async function buyMasterclassByCard(page: Page, cardNumber: string) {
  await openCheckout(page, "Pay-to-view Masterclass");
  await payByCard(page.frameLocator('iframe[title="Secure checkout"]'), cardNumber);
  await expect(page.getByTestId("payment-status")).toHaveAttribute("data-status", "paid");
}

test("a second account paying with the referrer's own card is held as a possible self-referral until the admin approves it", async ({
  browser,
  baseURL,
}) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demoAdmin.email, demoAdmin.password);
  await saveRules(admin, { defaultRate: "1000", holdDays: "14" });
  // A card number no other spec pays with: its fingerprint is this test's own.
  const card = "5555 5555 5555 4444";

  const referrer = await (await browser.newContext()).newPage();
  const referrerEmail = uniqueEmail("card-referrer");
  await signUp(referrer, referrerEmail);
  await buyMasterclassByCard(referrer, card);
  await referrer.goto("/dashboard/referrals");
  const shareLink = (await referrer.getByTestId("share-link").textContent())!.trim();

  const second = await (await browser.newContext()).newPage();
  await second.goto(shareLink);
  await signUp(second, uniqueEmail("second-account"));
  await buyMasterclassByCard(second, card);

  await admin.goto(`/admin/commissions?referrer=${encodeURIComponent(referrerEmail)}`);
  const row = admin.getByTestId("commission-row").filter({ hasText: referrerEmail });
  // The charge and the completion arrive as the sandbox delivers them, in either order.
  await expect(async () => {
    await admin.reload();
    await expect(row.getByTestId("self-referral-flag")).toHaveText(
      "Held: possible self-referral (same card)",
      { timeout: 1_000 },
    );
  }).toPass({ timeout: 30_000 });
  await expect(row).toHaveAttribute("data-status", "pending");

  const held = admin.getByTestId("held-commission-row").filter({ hasText: referrerEmail });
  // Approving is the admin's alone: the same action request, signed out or as the referrer
  // themselves, is refused and approves nothing.
  const approve = await captureAction(admin, () =>
    held.getByRole("button", { name: "Approve" }).click(),
  );
  const approved = async () =>
    (
      await queryE2eDatabase<{ count: string }>(
        `SELECT count(*) FROM "Commission" c JOIN "User" u ON u.id = c."beneficiaryId"
         WHERE u.email = $1 AND c."approvedAt" IS NOT NULL`,
        [referrerEmail],
      )
    )[0].count;
  const signedOut = await browser.newContext({ baseURL });
  for (const [caller, request, code] of [
    ["signed out", signedOut.request, "unauthorized"],
    ["the referrer", referrer.request, "forbidden"],
  ] as const) {
    expect(await replay(request, approve, baseURL!), caller).toContain(`"error":"${code}"`);
  }
  expect(await approved()).toBe("0");
  await signedOut.close();

  await admin.reload();
  await held.getByRole("button", { name: "Approve" }).click();
  await expect(row.getByTestId("self-referral-flag")).toHaveText(
    "Approved: possible self-referral (same card)",
  );
  await expect(held).toHaveCount(0);
  expect(await approved()).toBe("1");
  await expect(admin.getByTestId("audit-entry").first()).toContainText(
    "held as a possible self-referral (same card)",
  );
  await expect(admin.getByTestId("audit-entry").first()).toContainText(demoAdmin.email);
});

test("a referrer cannot be injected through the checkout API or the Proceed action", async ({
  browser,
  baseURL,
}) => {
  const victim = await (await browser.newContext()).newPage();
  await signUp(victim, uniqueEmail("would-be-referrer"));
  await victim.goto("/dashboard/referrals");
  const code = (await victim.getByTestId("share-link").textContent())!.trim().split("/").pop()!;
  const [{ id: referrerId }] = await queryE2eDatabase<{ id: string }>(
    `SELECT id FROM "User" WHERE "referralCode" = $1`,
    [code],
  );

  const buyer = await (await browser.newContext()).newPage();
  const buyerEmail = uniqueEmail("no-referrer");
  await signUp(buyer, buyerEmail);
  // The JSON API: extra fields naming a referrer are not read.
  const [{ id: masterclass }] = await queryE2eDatabase<{ id: string }>(
    `SELECT id FROM "Offering" WHERE name = 'Pay-to-view Masterclass'`,
  );
  const answer = await buyer.request.post("/api/checkout/sessions", {
    headers: { origin: baseURL!, "content-type": "application/json" },
    data: { offeringId: masterclass, referrerId, referralCode: code, ref: code },
  });
  expect(answer.status()).toBe(201);
  // The server action: hidden fields added to the Proceed form are not read either.
  await openCheckout(buyer, "Starter Course");
  await buyer
    .locator("form")
    .filter({ has: buyer.getByRole("button", { name: "Proceed to Payment" }) })
    .evaluate(
      (form, values) => {
        for (const [name, value] of Object.entries(values)) {
          const input = document.createElement("input");
          input.type = "hidden";
          input.name = name;
          input.value = value;
          form.appendChild(input);
        }
      },
      { referrerId, referralCode: code },
    );
  await buyer.getByRole("button", { name: "Proceed to Payment" }).click();
  await expect(buyer).toHaveURL(/\/demo-provider\/pay/);

  const orders = await queryE2eDatabase<{ referrerId: string | null }>(
    `SELECT o."referrerId" FROM "Order" o JOIN "User" u ON u.id = o."userId" WHERE u.email = $1`,
    [buyerEmail],
  );
  expect(orders).toHaveLength(2);
  expect(orders.map((order) => order.referrerId)).toEqual([null, null]);
});
