import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

test("a normal user gets 403 from admin pages and every admin API", async ({ page }) => {
  await signUp(page, uniqueEmail("not-admin"));

  const adminPage = await page.goto("/admin");
  expect(adminPage?.status()).toBe(403);
  await expect(page.getByText("Admins only")).toBeVisible();

  for (const [method, path] of [
    ["GET", "/api/admin/offerings"],
    ["POST", "/api/admin/offerings"],
    ["GET", "/api/admin/purchases"],
  ] as const) {
    const response = await page.request.fetch(path, {
      method,
      data: method === "POST" ? {} : undefined,
    });
    expect(response.status(), `${method} ${path}`).toBe(403);
    expect(await response.json()).toMatchObject({ error: "forbidden", details: {} });
  }
});

test("signed-out callers are sent to sign in, or get 401 from the API", async ({
  page,
  request,
}) => {
  await page.goto("/dashboard/billing");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fdashboard%2Fbilling/);

  const response = await request.get("/api/admin/offerings");
  expect(response.status()).toBe(401);
  expect(await response.json()).toMatchObject({ error: "unauthorized" });
});
