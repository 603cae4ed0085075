import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";

export const demoAdmin = { email: "admin@example.com", password: "admin-password" };

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.com`;
}

export async function signUp(page: Page, email: string, password = "correct-horse-battery") {
  await page.goto("/signup");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
}

/** The newest magic sign-in link the server printed for this address. */
export function magicLinkFromServerLog(email: string): string | undefined {
  const log = readFileSync(".data/e2e-server.log", "utf8");
  const pattern = new RegExp(`magic sign-in link for ${email.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: (\\S+)`, "g");
  return [...log.matchAll(pattern)].at(-1)?.[1];
}
