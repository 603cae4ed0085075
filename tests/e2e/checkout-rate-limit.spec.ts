import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { captureAction, type CapturedAction } from "./action-replay";
import { openCheckout, signUp, uniqueEmail } from "./helpers";

/**
 * One limit, "checkout-starts-per-user" (20 a minute), counts both ways of starting a checkout:
 * "Proceed to Payment" (a server action) and `POST /api/checkout/sessions` (a route handler).
 * They are built into different bundles that share the limiter, so each order is tried: the
 * starts used up through one entry point must be refused through the other.
 */

type Starts = {
  proceed: (times: number) => Promise<string[]>;
  api: (times: number) => Promise<string[]>;
};

/** The offering's id, from its page in the catalog (its checkout page would start a checkout). */
async function offeringId(page: Page, name: string): Promise<string> {
  await page.goto("/offerings");
  await page.getByRole("link", { name: new RegExp(name) }).click();
  await expect(page).toHaveURL(/\/offerings\/[^/]+$/);
  const id = /\/offerings\/([^/]+)$/.exec(new URL(page.url()).pathname)?.[1];
  expect(id).toBeTruthy();
  return id ?? "";
}

/** Sends the captured "Proceed to Payment" action as the signed-in user; "redirect" or "rate_limited". */
async function proceedOnce(request: APIRequestContext, action: CapturedAction, baseURL: string) {
  const headers: Record<string, string> = { origin: baseURL };
  for (const name of ["next-action", "content-type", "accept", "next-router-state-tree"]) {
    if (action.headers[name]) headers[name] = action.headers[name];
  }
  const response = await request.post(action.url, { headers, data: action.body, maxRedirects: 0 });
  if (response.headers()["x-action-redirect"]) return "redirect";
  const text = await response.text();
  return text.includes("rate_limited")
    ? "rate_limited"
    : `unexpected ${response.status()}: ${text.slice(0, 200)}`;
}

/** Signs a fresh user up and prepares both entry points for them. */
async function freshBuyer(page: Page, baseURL: string): Promise<Starts> {
  await signUp(page, uniqueEmail("checkout-limit"));
  const embeddedId = await offeringId(page, "Pay-to-view Masterclass");
  await openCheckout(page, "Starter Course");
  // Learn the action's request from the page; the captured one never reaches the server.
  const action = await captureAction(page, () =>
    page.getByRole("button", { name: "Proceed to Payment" }).click(),
  );
  const repeat = async (times: number, once: () => Promise<string>) => {
    const results: string[] = [];
    for (let i = 0; i < times; i += 1) results.push(await once());
    return results;
  };
  return {
    proceed: (times) => repeat(times, () => proceedOnce(page.request, action, baseURL)),
    api: (times) =>
      repeat(times, async () => {
        const response = await page.request.post("/api/checkout/sessions", {
          headers: { origin: baseURL, "content-type": "application/json" },
          data: JSON.stringify({ offeringId: embeddedId }),
        });
        return response.ok() ? "started" : String(response.status());
      }),
  };
}

test("22 × Proceed to Payment, then 22 × POST /api/checkout/sessions: the API is refused too", async ({
  page,
  baseURL,
}) => {
  const starts = await freshBuyer(page, baseURL ?? "");
  expect(await starts.proceed(22)).toEqual([
    ...Array.from({ length: 20 }, () => "redirect"),
    "rate_limited",
    "rate_limited",
  ]);
  expect(await starts.api(22)).toEqual(Array.from({ length: 22 }, () => "429"));
});

test("22 × POST /api/checkout/sessions, then 22 × Proceed to Payment: the action is refused too", async ({
  page,
  baseURL,
}) => {
  const starts = await freshBuyer(page, baseURL ?? "");
  expect(await starts.api(22)).toEqual([
    ...Array.from({ length: 20 }, () => "started"),
    "429",
    "429",
  ]);
  expect(await starts.proceed(22)).toEqual(Array.from({ length: 22 }, () => "rate_limited"));
});
