import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { e2eMailFile, e2eServerLog } from "../../tooling/server/e2e-paths";
import { linksSentTo } from "../../tooling/server/mail-sink";
import { queryE2eDatabase } from "./database";
import { emailedLink, signIn, signUp, submitSignUp, uniqueEmail } from "./helpers";

type AccountRow = { role: string; emailVerified: Date | null; passwordHash: string | null };
const accountRow = async (email: string) =>
  (
    await queryE2eDatabase<AccountRow>(
      `SELECT role, "emailVerified", "passwordHash" FROM "User" WHERE email = $1`,
      [email],
    )
  )[0];

test("a sign-up on an ADMIN_EMAILS address is no admin until its owner opens the emailed link", async ({
  page,
}) => {
  // The e2e server runs with ADMIN_EMAILS=boss@corp.test.
  await page.goto("/signup");
  await submitSignUp(page, "boss@corp.test", "anyone-can-type-this");
  expect(await accountRow("boss@corp.test")).toMatchObject({ role: "USER", emailVerified: null });

  // The password alone does not sign in; the form offers to send the link again.
  await page.goto("/signin");
  await page.getByLabel("Email", { exact: true }).fill("boss@corp.test");
  await page.getByLabel("Password").fill("anyone-can-type-this");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Confirm your email address first")).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("boss@corp.test");
  await page.getByRole("button", { name: "Resend link" }).click();
  await expect(
    page.getByText("A link was sent to this address less than a minute ago"),
  ).toBeVisible();
  // Minutes later the link can be sent again.
  await queryE2eDatabase(
    `UPDATE "VerificationToken" SET expires = expires - interval '5 minutes' WHERE identifier = $1`,
    ["boss@corp.test"],
  );
  const linksBefore = linksSentTo(e2eMailFile, "boss@corp.test").length;
  await page.getByRole("button", { name: "Resend link" }).click();
  await expect(page.getByText("a new link is on its way")).toBeVisible();
  await expect.poll(() => linksSentTo(e2eMailFile, "boss@corp.test").length).toBe(linksBefore + 1);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin/);

  // The owner opens the link: verified, signed in, admin, and the banner is gone.
  await page.goto(await emailedLink("boss@corp.test", "verify-email"));
  await expect(page.getByTestId("signed-in-as")).toHaveText("boss@corp.test");
  await expect(page.getByTestId("verify-email-banner")).toHaveCount(0);
  expect(await accountRow("boss@corp.test")).toMatchObject({
    role: "ADMIN",
    emailVerified: expect.any(Date),
  });
  await page.goto("/admin");
  await expect(page.getByRole("link", { name: "Offerings" }).first()).toBeVisible();
  expect((await page.request.get("/admin")).status()).toBe(200);
});

test("pre-hijacking: the stranger's password stops working once the owner signs in by link", async ({
  browser,
}) => {
  const victim = uniqueEmail("victim");
  const stranger = await browser.newPage();
  await stranger.goto("/signup");
  await submitSignUp(stranger, victim, "strangers-password");

  // Minutes later (links are limited to one a minute per address)…
  await queryE2eDatabase(
    `UPDATE "VerificationToken" SET expires = expires - interval '5 minutes' WHERE identifier = $1`,
    [victim],
  );
  const owner = await browser.newPage();
  await owner.goto("/signin");
  await owner.getByLabel("Email for a sign-in link").fill(victim);
  await owner.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(owner.getByText("Check your email for a sign-in link")).toBeVisible();
  await owner.goto(await emailedLink(victim, "sign-in"));
  await expect(owner.getByTestId("signed-in-as")).toHaveText(victim);
  expect(await accountRow(victim)).toMatchObject({
    passwordHash: null,
    emailVerified: expect.any(Date),
  });

  await stranger.goto("/signin");
  await stranger.getByLabel("Email", { exact: true }).fill(victim);
  await stranger.getByLabel("Password").fill("strangers-password");
  await stranger.getByRole("button", { name: "Sign in" }).click();
  await expect(stranger.getByText("Wrong email or password.")).toBeVisible();
  await expect(stranger.getByTestId("signed-in-as")).toHaveCount(0);
});

test("pre-hijacking: a sign-up's confirmation link opened in another browser discards the password chosen at sign-up", async ({
  browser,
}) => {
  const victim = uniqueEmail("owner");
  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  await stranger.goto("/signup");
  await submitSignUp(stranger, victim, "strangers-password");

  // The owner opens the "Confirm your email address" link in their own browser.
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await owner.goto(await emailedLink(victim, "verify-email"));
  await expect(owner.getByTestId("signed-in-as")).toHaveText(victim);
  expect(await accountRow(victim)).toMatchObject({
    passwordHash: null,
    emailVerified: expect.any(Date),
  });

  await stranger.goto("/signin");
  await stranger.getByLabel("Email", { exact: true }).fill(victim);
  await stranger.getByLabel("Password").fill("strangers-password");
  await stranger.getByRole("button", { name: "Sign in" }).click();
  await expect(stranger.getByText("Wrong email or password.")).toBeVisible();
  await expect(stranger.getByTestId("signed-in-as")).toHaveCount(0);

  // The refusal is an ordinary info line in the server's log, without a stack.
  const refusals = () =>
    readFileSync(e2eServerLog, "utf8")
      .split("\n")
      .filter((line) => line.includes("CredentialsSignin"));
  await expect.poll(() => refusals().length).toBeGreaterThan(0);
  for (const line of refusals()) {
    expect(line).toContain('"level":"info"');
    expect(line).not.toContain("stack");
  }
  await strangerContext.close();
  await ownerContext.close();
});

test("the sign-up's own browser opening its confirmation link keeps the password", async ({
  page,
}) => {
  const email = uniqueEmail("keeper");
  await signUp(page, email, "keepers-password");
  expect(await accountRow(email)).toMatchObject({ passwordHash: expect.any(String) });
  await page.context().clearCookies();
  await signIn(page, email, "keepers-password");
});

test("sign-up answers a known address exactly like a new one, and the owner gets a sign-in link instead", async ({
  page,
}) => {
  const known = uniqueEmail("known");
  await signUp(page, known);
  await page.context().clearCookies();

  await page.goto("/signup");
  await submitSignUp(page, known, "someone-elses-password");
  await expect(page.getByTestId("verify-email-banner")).toContainText(
    `Check your email: we sent a link to ${known}. Open it to confirm your address and sign in.`,
  );
  await expect.poll(() => emailedLink(known, "sign-in")).toContain("/callback/nodemailer?");
});

test("signing out ends the session: the old cookie is refused afterwards", async ({
  page,
  playwright,
  baseURL,
}) => {
  const email = uniqueEmail("leaver");
  await signUp(page, email);
  const oldCookies = await page.context().cookies();
  const oldCookieHeader = oldCookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
  const replay = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { cookie: oldCookieHeader },
  });
  expect((await replay.get("/api/purchases")).status()).toBe(200);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  const purchases = await replay.get("/api/purchases");
  expect(purchases.status()).toBe(401);
  expect(await purchases.json()).toMatchObject({ error: "unauthorized" });
  const billing = await replay.get("/dashboard/billing");
  expect(billing.url()).toContain("/signin?callbackUrl=%2Fdashboard%2Fbilling");
  expect(await billing.text()).not.toContain(email);
  await replay.dispose();

  // Signing in again works as before.
  await signIn(page, email, "correct-horse-battery");
});
