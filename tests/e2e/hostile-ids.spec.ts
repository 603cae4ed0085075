/**
 * Ids no database can store (a NUL, `%00`) in the paths of pages and routes, through the real
 * server: each answers 404 (the not-found page, or the JSON error), never 500. So does a path
 * that is not UTF-8 once decoded (`%ED%A0%80`, an unpaired surrogate's bytes; `%FF`), which
 * Next's router would answer 500. The admin is the seeded one, so every admin page is reached
 * past its guard.
 */
import { expect, test } from "@playwright/test";
import { demoAdmin, signIn } from "./helpers";

const NUL_IDS = ["%00", "abc%00def"];
const NOT_UTF8 = ["%ED%A0%80", "%FF"];
const HOSTILE_IDS = [...NUL_IDS, ...NOT_UTF8];

const PAGES = [
  "/admin/offerings/{id}",
  "/admin/users/{id}",
  "/admin/events/{id}",
  "/admin/subscriptions/{id}",
  "/admin/communities/{id}",
  "/offerings/{id}",
  "/offerings/{id}/checkout",
  "/communities/{id}",
];

const API_ROUTES = [
  { method: "GET", path: "/api/admin/offerings/{id}" },
  { method: "PATCH", path: "/api/admin/offerings/{id}", data: { name: "x" } },
  { method: "POST", path: "/api/admin/offerings/{id}/rotate-secret", data: {} },
  { method: "POST", path: "/api/admin/purchases/{id}/refund", data: {} },
  { method: "GET", path: "/api/admin/exports/{id}" },
  { method: "GET", path: "/api/purchases/{id}" },
];

test("pages answer 404 with the not-found page for an id holding NUL, or a path that is not UTF-8", async ({
  page,
}) => {
  await signIn(page, demoAdmin.email, demoAdmin.password);
  for (const template of PAGES) {
    for (const id of NUL_IDS) {
      const path = template.replace("{id}", id);
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "Not found", level: 1 }), path).toBeVisible();
    }
    for (const id of NOT_UTF8) {
      const path = template.replace("{id}", id);
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(404);
    }
  }
});

test("routes answer 404 JSON for an id holding NUL, or a path that is not UTF-8", async ({
  page,
}) => {
  await signIn(page, demoAdmin.email, demoAdmin.password);
  const origin = new URL(page.url()).origin;
  for (const route of API_ROUTES) {
    for (const id of HOSTILE_IDS) {
      const url = route.path.replace("{id}", id);
      const response = await page.request.fetch(url, {
        method: route.method,
        headers: { origin, "content-type": "application/json" },
        data: route.data === undefined ? undefined : JSON.stringify(route.data),
      });
      expect(response.status(), `${route.method} ${url}`).toBe(404);
      expect(await response.json(), `${route.method} ${url}`).toMatchObject({
        error: "not_found",
        message: expect.any(String),
      });
    }
  }
  // The app's HTTP server refuses paths that are not UTF-8, webhooks included.
  for (const id of HOSTILE_IDS) {
    const response = await page.request.post(`/webhooks/offerings/${id}`, {
      headers: { "content-type": "application/json", "x-offering-secret": "whatever" },
      data: JSON.stringify({ status: "succeeded", test: true }),
    });
    expect(response.status(), `offering webhook ${id}`).toBe(404);
    expect(await response.json()).toMatchObject({ error: "not_found" });
  }
});
