import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { e2eMailFile } from "../../tooling/server/e2e-paths";
import { linksSentTo } from "../../tooling/server/mail-sink";

export const demoAdmin = { email: "admin@example.com", password: "admin-password" };

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.com`;
}

/** The newest link the app emailed to this address (sign-in or verification), once it arrived. */
export async function emailedLink(
  address: string,
  kind: "sign-in" | "verify-email" = "sign-in",
): Promise<string> {
  const provider = kind === "sign-in" ? "nodemailer" : "email-verification";
  const newest = () =>
    linksSentTo(e2eMailFile, address)
      .filter((link) => link.includes(`/callback/${provider}?`))
      .at(-1);
  await expect.poll(newest, { message: `a ${kind} link emailed to ${address}` }).toBeTruthy();
  return newest()!;
}

/** Fills in the sign-up form; the page then asks to confirm the address. */
export async function submitSignUp(page: Page, email: string, password = "correct-horse-battery") {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("verify-email-banner")).toContainText(`we sent a link to ${email}`);
}

/** Signs up and confirms the address through the emailed link, which signs the user in. */
export async function signUp(page: Page, email: string, password = "correct-horse-battery") {
  await page.goto("/signup");
  await submitSignUp(page, email, password);
  await page.goto(await emailedLink(email, "verify-email"));
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
}

/** Opens an offering's purchase step from the catalog. */
export async function openCheckout(page: Page, offeringName: string) {
  await page.goto("/offerings");
  await page.getByRole("link", { name: new RegExp(offeringName) }).click();
  await expect(page.getByRole("heading", { name: offeringName, level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Get Started" }).click();
  await expect(page).toHaveURL(/\/offerings\/[^/]+\/checkout$/);
}

export async function payByCard(form: ReturnType<Page["frameLocator"]> | Page, cardNumber: string) {
  await form.getByLabel("Card number").fill(cardNumber);
  await form.getByLabel("Expiry").fill("12/34");
  await form.getByLabel("CVC").fill("123");
  await form.getByRole("button", { name: "Pay", exact: true }).click();
}
